import type { Application } from "@/generated/prisma-sqlite/client";
import { APPLICATION_CONDITIONS, type ApplicationCondition } from "@/lib/compass-enums";
import { badInput, conflict } from "@/domain/errors";
import { SCENARIOS_KEY } from "@/domain/labels/label-rules";
import { type ValidNamedInput, validDescription, validNamedInput } from "@/domain/validation/validation";
import type { BundleInput } from "./bundle";
import { APPLICATION_SCOPES, type NamedObjectInput, type TenantObjectInput, defineKind } from "../tenant-object-kind";

/** Compass's longStringLengthLimit: providerName, healthCheckURL, baseUrl, applicationNamespace, localTenantID. */
const LONG_STRING_MAX = 256;

/** Compass's own fields of an application, in both inputs. */
interface ApplicationFields {
  providerName?: string | null;
  healthCheckURL?: string | null;
  baseUrl?: string | null;
  applicationNamespace?: string | null;
  statusCondition?: ApplicationCondition | null;
  localTenantID?: string | null;
}

export interface ApplicationRegisterInput extends NamedObjectInput, ApplicationFields {
  integrationSystemID?: string | null;
  /** Its bundles, created with it in the same transaction (each with its APIs, events and documents). */
  bundles?: readonly BundleInput[] | null;
}

/** Compass's update input has no name: an omitted one keeps it, as every omitted field does. */
export interface ApplicationUpdateInput extends TenantObjectInput, ApplicationFields {
  name?: string | null;
  description?: string | null;
  integrationSystemID?: string | null;
}

/** Each of Compass's optional text fields: undefined when omitted (kept on update), null when cleared with "". */
function optionalText(raw: string | null | undefined, field: string, check?: (text: string) => string | null): string | null | undefined {
  if (raw === undefined || raw === null) return undefined;
  const text = raw.trim();
  if (!text) return null;
  if ([...text].length > LONG_STRING_MAX) throw badInput(field, `At most ${LONG_STRING_MAX} characters`);
  const problem = check?.(text);
  if (problem) throw badInput(field, problem);
  return text;
}

/** Compass's inputvalidation.IsURL, kept to what a health check can call: an absolute http(s) URL. */
function urlProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "A valid absolute URL, e.g. https://example.com/health";
  }
  return url.protocol === "http:" || url.protocol === "https:" ? null : "An http or https URL";
}

function validCondition(raw: string | null | undefined): ApplicationCondition | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!(APPLICATION_CONDITIONS as readonly string[]).includes(raw)) throw badInput("in.statusCondition", `One of ${APPLICATION_CONDITIONS.join(", ")}`);
  return raw as ApplicationCondition;
}

/** Compass's fields, checked as its app_validation.go checks them; undefined: not given. */
function validFields(input: ApplicationFields) {
  return {
    providerName: optionalText(input.providerName, "in.providerName"),
    healthCheckUrl: optionalText(input.healthCheckURL, "in.healthCheckURL", urlProblem),
    // Compass documents "valid URL" but does not check it, and its own e2e test sends baseUrl "after".
    baseUrl: optionalText(input.baseUrl, "in.baseUrl"),
    applicationNamespace: optionalText(input.applicationNamespace, "in.applicationNamespace"),
    localTenantId: optionalText(input.localTenantID, "in.localTenantID"),
    condition: validCondition(input.statusCondition),
  };
}

type ValidFields = ReturnType<typeof validFields>;

/** The name's columns alone: an update without a description keeps it. */
const nameOnly = ({ description: _, ...name }: ValidNamedInput) => name;

/** Drops what was not given, so an update keeps those columns. */
const given = (fields: Record<string, unknown>) => Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));

/**
 * Applications: a name and a description, Compass's own fields (provider,
 * URLs, status) and, when a user registers one, the integration system that
 * manages it. The update follows Compass's: every field omitted stays as it
 * was (the name and description too); the status condition is set on every
 * update (INITIAL when omitted) and its timestamp moves (docs/decisions/0019).
 */
export const APPLICATION = defineKind<Application, ApplicationRegisterInput, ValidFields & { managerNamed?: string }>({
  type: "APPLICATION",
  table: "Application",
  dateColumns: ["createdAt", "updatedAt", "statusTimestamp", "deletedAt"],
  scopes: APPLICATION_SCOPES,
  manager: "registrar-or-named",
  validate: (input) => ({ ...validNamedInput(input), ...validFields(input) }),
  validateUpdate: (input: ApplicationUpdateInput) => ({
    ...(input.name != null ? nameOnly(validNamedInput({ name: input.name })) : {}),
    ...(input.description != null ? { description: validDescription(input.description, "in.description") } : {}),
    ...validFields(input),
    ...(input.integrationSystemID != null ? { managerNamed: input.integrationSystemID } : {}),
  }),
  nested: (input) => [{ type: "BUNDLE", inputs: input.bundles, field: "in.bundles" }],
  createData: ({ condition, managerNamed: _, ...valid }) => ({ ...given(valid), statusCondition: condition ?? "INITIAL" }),
  updateData: ({ condition, managerNamed, ...valid }, before) => {
    // Compass's input names it; here who manages an application is fixed at registration (what an integration
    // system may change depends on it), so naming another is refused rather than silently ignored.
    if (managerNamed !== undefined && managerNamed !== before.integrationSystemId) {
      throw badInput(
        "in.integrationSystemID",
        `The integration system that manages an application is fixed when it is registered (${before.integrationSystemId ? `it is ${before.integrationSystemId}` : "it has none"})`,
      );
    }
    return { ...given(valid), statusCondition: condition ?? "INITIAL", statusTimestamp: new Date() };
  },
  // Compass's rule: an application in a scenario is unregistered only once it has left them all.
  async requireRemovable(tx, app) {
    const label = await tx.label.findUnique({ where: { objectId_key: { objectId: app.id, key: SCENARIOS_KEY } }, select: { value: true } });
    const scenarios = Array.isArray(label?.value) ? label.value : [];
    if (scenarios.length > 0) throw conflict(`System ${app.name} is part of the following formations : ${scenarios.join(", ")}`, "id");
  },
  auditFields: (app) => ({
    providerName: app.providerName,
    baseUrl: app.baseUrl,
    healthCheckUrl: app.healthCheckUrl,
    applicationNamespace: app.applicationNamespace,
    localTenantId: app.localTenantId,
    statusCondition: app.statusCondition,
  }),
  credentials: true,
  webhooks: true,
});
