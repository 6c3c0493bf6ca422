import { Prisma, type Runtime } from "@/generated/prisma-sqlite/client";
import { RUNTIME_CONDITIONS, type RuntimeCondition } from "@/lib/compass-enums";
import { SCOPES } from "@/lib/scopes";
import { badInput } from "@/domain/errors";
import { validDescription, validNamedInput } from "@/domain/validation/validation";
import { releaseInstanceAuthsOf } from "@/domain/catalog/instance-auth-rules";
import { type NamedObjectInput, defineKind } from "../tenant-object-kind";

const MAX_NAMESPACE_LENGTH = 256;

export interface RuntimeInput extends NamedObjectInput {
  statusCondition?: RuntimeCondition | null;
  applicationNamespace?: string | null;
}

/** Runtimes: beside name and description, a namespace and a status condition whose timestamp moves when it changes. */
export const RUNTIME = defineKind<Runtime, RuntimeInput, { applicationNamespace: string | null; condition: RuntimeCondition | null }>({
  type: "RUNTIME",
  table: "Runtime",
  model: (db) => db.runtime,
  scalarFields: Prisma.RuntimeScalarFieldEnum,
  dateColumns: ["createdAt", "updatedAt", "statusTimestamp"],
  nouns: { a: "a runtime", one: "runtime", many: "runtimes" },
  audit: { registered: "RUNTIME_REGISTERED", updated: "RUNTIME_UPDATED", unregistered: "RUNTIME_UNREGISTERED" },
  scopes: { read: SCOPES.runtimeRead, write: SCOPES.runtimeWrite },
  manager: "registrar",
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
/** The label Compass reads a runtime's eventing URL from (eventing/service.go, RuntimeEventingURLLabel). */
const EVENTING_URL_LABEL = "runtime_eventServiceUrl";

/**
 * `Runtime.eventingConfiguration`, from the runtime's labels as Compass
 * derives it: the label's value when it is a string, else "" (Compass's
 * EmptyEventingURL). Compass fails the field on a value that is not a string;
 * here any label value is allowed, so such a runtime answers "" rather than an error.
 */
export function eventingConfigurationOf(labels: Record<string, unknown>): { defaultURL: string } {
  const url = labels[EVENTING_URL_LABEL];
  return { defaultURL: typeof url === "string" ? url : "" };
}
