import { type APIDefinition, Prisma } from "@/generated/prisma-sqlite/client";
import { SCOPES } from "@/lib/scopes";
import {
  CATALOG_LIMITS,
  type SpecInput,
  type VersionInput,
  optionalText,
  validDescription,
  validLooseUrl,
  validName,
  validSpec,
  validVersion,
} from "@/domain/catalog/catalog-rules";
import { fetchAfterCommit } from "@/domain/catalog/spec-fetch";
import { type TenantObjectInput, defineKind } from "../tenant-object-kind";

export interface APIDefinitionInput extends TenantObjectInput {
  name: string;
  description?: string | null;
  targetURL: string;
  group?: string | null;
  spec?: SpecInput | null;
  version?: VersionInput | null;
}

/** `scheme://host` of a target URL ("https://" where it names none, as Compass's URLs may). */
function originOf(targetUrl: string): string | null {
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(targetUrl) ? targetUrl : `https://${targetUrl}`);
    return `${url.protocol}//${url.host}`;
  } catch {
    return null;
  }
}

/** Compass's API definitions: under an application, in one of its bundles (`group`) or none; the spec stored as given or fetched. */
export const API_DEFINITION = defineKind<APIDefinition, APIDefinitionInput, object>({
  type: "API_DEFINITION",
  table: "APIDefinition",
  model: (db) => db.aPIDefinition,
  scalarFields: Prisma.APIDefinitionScalarFieldEnum,
  dateColumns: ["createdAt", "updatedAt"],
  nouns: { a: "an API definition", one: "API definition", many: "API definitions" },
  audit: { registered: "API_DEFINITION_REGISTERED", updated: "API_DEFINITION_UPDATED", unregistered: "API_DEFINITION_UNREGISTERED" },
  scopes: { read: SCOPES.applicationRead, write: SCOPES.applicationWrite },
  manager: "registrar",
  parent: { type: "APPLICATION", column: "applicationId", max: 10_000 },
  group: { type: "BUNDLE", column: "bundleId" },
  title: (row) => row.name,
  validate: (input) => ({
    name: validName(input.name, "in.name"),
    description: validDescription(input.description, "in.description"),
    targetUrl: validLooseUrl(input.targetURL, "in.targetURL")!,
    group: optionalText(input.group, "in.group", CATALOG_LIMITS.group),
    ...validSpec(input.spec, "in.spec", ["ODATA", "OPEN_API"]),
    version: validVersion(input.version, "in.version"),
  }),
  // Compass's rule: an application without a base URL takes its first API's origin.
  afterInsert: async (tx, row) => {
    const origin = originOf(row.targetUrl);
    if (origin) await tx.application.updateMany({ where: { id: row.applicationId, baseUrl: null }, data: { baseUrl: origin } });
  },
  auditFields: (row) => ({ name: row.name, applicationId: row.applicationId, bundleId: row.bundleId, targetUrl: row.targetUrl, specType: row.specType }),
  afterCommit: fetchAfterCommit((db) => db.aPIDefinition, {
    dataColumn: "specData",
    sealIdOf: (row) => (row as APIDefinition).specId!,
    formatOf: (row) => (row as APIDefinition).specFormat,
  }),
  credentials: false,
});
