import type { IntegrationDependency } from "@/generated/prisma-sqlite/client";
import { newId } from "@/lib/ids";
import { badInput } from "@/domain/errors";
import { CATALOG_LIMITS, type VersionInput, optionalText, requiredText, validDescription, validVersion } from "@/domain/catalog/catalog-rules";
import { type TenantObjectInput, childOf, defineKind } from "../tenant-object-kind";

interface AspectInput {
  name: string;
  description?: string | null;
  mandatory?: boolean | null;
  apiResources?: readonly { ordId: string }[] | null;
  eventResources?: readonly { ordId: string; subset?: readonly { eventType?: string | null }[] | null }[] | null;
}

export interface IntegrationDependencyInput extends TenantObjectInput {
  name: string;
  description?: string | null;
  ordID: string;
  partOfPackage?: string | null;
  visibility?: string | null;
  releaseStatus?: string | null;
  mandatory?: boolean | null;
  aspects?: readonly AspectInput[] | null;
  version?: VersionInput | null;
}

/** An aspect as stored (JSON in the dependency's row), with the id Compass gives each. */
export interface StoredAspect {
  id: string;
  name: string;
  description: string | null;
  mandatory: boolean | null;
  apiResources: { ordID: string }[];
  eventResources: { ordID: string; subset: { eventType: string | null }[] }[];
}

const MAX_ASPECTS = 100;

function validAspects(aspects: readonly AspectInput[] | null | undefined): string | null {
  if (!aspects) return null;
  if (aspects.length > MAX_ASPECTS) throw badInput("in.aspects", `at most ${MAX_ASPECTS} aspects`);
  const ordId = (raw: string, field: string) => requiredText(raw, field, CATALOG_LIMITS.shortText);
  const stored: StoredAspect[] = aspects.map((aspect, at) => ({
    id: newId(),
    name: requiredText(aspect.name, `in.aspects[${at}].name`, CATALOG_LIMITS.shortText),
    description: optionalText(aspect.description, `in.aspects[${at}].description`, CATALOG_LIMITS.description),
    mandatory: aspect.mandatory ?? null,
    apiResources: (aspect.apiResources ?? []).map((api, i) => ({ ordID: ordId(api.ordId, `in.aspects[${at}].apiResources[${i}].ordId`) })),
    eventResources: (aspect.eventResources ?? []).map((event, i) => ({
      ordID: ordId(event.ordId, `in.aspects[${at}].eventResources[${i}].ordId`),
      subset: (event.subset ?? []).map((item) => ({ eventType: item.eventType ?? null })),
    })),
  }));
  return JSON.stringify(stored);
}

/** Compass's integration dependencies (ORD): what an application needs of others; labelled, under the application. */
export const INTEGRATION_DEPENDENCY = defineKind<IntegrationDependency, IntegrationDependencyInput, object>({
  type: "INTEGRATION_DEPENDENCY",
  table: "IntegrationDependency",
  ...childOf("APPLICATION", 10_000),
  title: (row) => row.name,
  validate: (input) => ({
    name: requiredText(input.name, "in.name", CATALOG_LIMITS.shortText),
    description: validDescription(input.description, "in.description"),
    ordId: requiredText(input.ordID, "in.ordID", CATALOG_LIMITS.shortText),
    partOfPackage: optionalText(input.partOfPackage, "in.partOfPackage", CATALOG_LIMITS.shortText),
    visibility: optionalText(input.visibility, "in.visibility", CATALOG_LIMITS.shortText),
    releaseStatus: optionalText(input.releaseStatus, "in.releaseStatus", CATALOG_LIMITS.shortText),
    mandatory: input.mandatory ?? null,
    aspects: validAspects(input.aspects),
    version: validVersion(input.version, "in.version"),
  }),
  auditFields: (row) => ({ name: row.name, ordId: row.ordId, applicationId: row.applicationId }),
});
