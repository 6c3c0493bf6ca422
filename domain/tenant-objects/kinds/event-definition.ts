import { type EventDefinition, Prisma } from "@/generated/prisma-sqlite/client";
import { SCOPES } from "@/lib/scopes";
import {
  CATALOG_LIMITS,
  type SpecInput,
  type VersionInput,
  optionalText,
  validDescription,
  validName,
  validSpec,
  validVersion,
} from "@/domain/catalog/catalog-rules";
import { fetchAfterCommit } from "@/domain/catalog/spec-fetch";
import { type TenantObjectInput, defineKind } from "../tenant-object-kind";

export interface EventDefinitionInput extends TenantObjectInput {
  name: string;
  description?: string | null;
  group?: string | null;
  spec?: SpecInput | null;
  version?: VersionInput | null;
}

/** Compass's event definitions (AsyncAPI): under an application, in one of its bundles or none. */
export const EVENT_DEFINITION = defineKind<EventDefinition, EventDefinitionInput, object>({
  type: "EVENT_DEFINITION",
  table: "EventDefinition",
  model: (db) => db.eventDefinition,
  scalarFields: Prisma.EventDefinitionScalarFieldEnum,
  dateColumns: ["createdAt", "updatedAt"],
  nouns: { a: "an event definition", one: "event definition", many: "event definitions" },
  audit: { registered: "EVENT_DEFINITION_REGISTERED", updated: "EVENT_DEFINITION_UPDATED", unregistered: "EVENT_DEFINITION_UNREGISTERED" },
  scopes: { read: SCOPES.applicationRead, write: SCOPES.applicationWrite },
  manager: "registrar",
  parent: { type: "APPLICATION", column: "applicationId", max: 10_000 },
  group: { type: "BUNDLE", column: "bundleId" },
  title: (row) => row.name,
  validate: (input) => ({
    name: validName(input.name, "in.name"),
    description: validDescription(input.description, "in.description"),
    group: optionalText(input.group, "in.group", CATALOG_LIMITS.group),
    ...validSpec(input.spec, "in.spec", ["ASYNC_API"]),
    version: validVersion(input.version, "in.version"),
  }),
  auditFields: (row) => ({ name: row.name, applicationId: row.applicationId, bundleId: row.bundleId, specType: row.specType }),
  afterCommit: fetchAfterCommit((db) => db.eventDefinition, {
    dataColumn: "specData",
    sealIdOf: (row) => (row as EventDefinition).specId!,
    formatOf: (row) => (row as EventDefinition).specFormat,
  }),
  credentials: false,
});
