import type { Runtime } from "@/generated/prisma-sqlite/client";
import { RUNTIME_CONDITIONS, type RuntimeCondition } from "@/lib/compass-enums";
import { badInput } from "@/domain/errors";
import { validDescription, validNamedInput } from "@/domain/validation/validation";
import { releaseInstanceAuthsOf } from "@/domain/catalog/instance-auth-rules";
import { type NamedObjectInput, RUNTIME_SCOPES, defineKind } from "../tenant-object-kind";

const MAX_NAMESPACE_LENGTH = 256;

export interface RuntimeInput extends NamedObjectInput {
  statusCondition?: RuntimeCondition | null;
  applicationNamespace?: string | null;
}

/** Runtimes: beside name and description, a namespace and a status condition whose timestamp moves when it changes. */
export const RUNTIME = defineKind<Runtime, RuntimeInput, { applicationNamespace: string | null; condition: RuntimeCondition | null }>({
  type: "RUNTIME",
  table: "Runtime",
  dateColumns: ["createdAt", "updatedAt", "statusTimestamp"],
  scopes: RUNTIME_SCOPES,
  // Compass marks every runtime it registers or updates so (runtime/service.go, IsNormalizedLabel),
  // and its e2e tests count the label; an input that sets it keeps its own value.
  defaultLabels: { isNormalized: "true" },
  validate(input) {
    const condition = input.statusCondition ?? null;
    if (condition !== null && !RUNTIME_CONDITIONS.includes(condition)) throw badInput("in.statusCondition", `One of ${RUNTIME_CONDITIONS.join(", ")}`);
    const applicationNamespace = validDescription(input.applicationNamespace, "in.applicationNamespace");
    // Compass's applicationNamespaceStringLengthLimit (pkg/graphql/validation.go).
    if (applicationNamespace && [...applicationNamespace].length > MAX_NAMESPACE_LENGTH) {
      throw badInput("in.applicationNamespace", `At most ${MAX_NAMESPACE_LENGTH} characters`);
    }
    return { ...validNamedInput(input), applicationNamespace, condition };
  },
  createData: ({ condition, ...valid }) => ({ ...valid, statusCondition: condition ?? "INITIAL" }),
  // The condition when given; its timestamp moves only when it changes.
  updateData: ({ condition, ...valid }, before) => ({
    ...valid,
    ...(condition && condition !== before.statusCondition ? { statusCondition: condition, statusTimestamp: new Date() } : {}),
  }),
  auditFields: (runtime) => ({ statusCondition: runtime.statusCondition, applicationNamespace: runtime.applicationNamespace }),
  // Compass: a runtime's bundle instance auths outlive it, UNUSED and for no runtime.
  onRemove: (tx, row) => releaseInstanceAuthsOf(tx, [row.id]),
  credentials: true,
  webhooks: true,
});
