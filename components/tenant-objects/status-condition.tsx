"use client";

import { useId } from "react";
import { SelectField } from "@/components/ui/select-field";
import { Timestamp } from "@/components/ui/timestamp";

/** A Compass status condition in words: "CREATE_FAILED" reads "Create failed". */
const conditionWords = (condition: string) => {
  const words = condition.toLowerCase().replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/**
 * The badge of an object's status condition (Compass's application and
 * runtime conditions): green when connected or a step succeeded, red on a failure.
 */
export function StatusBadge({ condition }: { condition: string }) {
  const tone =
    condition === "CONNECTED" || condition.endsWith("SUCCEEDED")
      ? "badge-success"
      : condition.endsWith("FAILED")
        ? "badge-danger"
        : condition === "PENDING"
          ? "badge-warning"
          : "";
  return <span className={`badge ${tone}`}>{conditionWords(condition)}</span>;
}

/** The first entries of an application's or a runtime's details card: its description, and its status since when. */
export function DescriptionAndStatus({
  object,
}: {
  object: { description?: string | null; status: { condition: string; timestamp: string | number | Date } };
}) {
  return (
    <>
      <dt>Description</dt>
      <dd>{object.description ?? <span className="muted">—</span>}</dd>
      <dt>Status</dt>
      <dd>
        <StatusBadge condition={object.status.condition} /> since <Timestamp iso={String(object.status.timestamp)} />
      </dd>
    </>
  );
}

/** The Status select of an object's form: the kind's conditions in the API's order, in words. */
export function StatusConditionField<Condition extends string>({
  conditions,
  value,
  onChange,
  error,
}: {
  conditions: readonly Condition[];
  value: Condition;
  onChange: (value: Condition) => void;
  error?: string | null;
}) {
  const id = useId();
  return (
    <SelectField
      id={id}
      label="Status"
      value={value}
      options={conditions.map((condition) => ({ value: condition, label: conditionWords(condition) }))}
      onChange={onChange}
      error={error}
    />
  );
}
