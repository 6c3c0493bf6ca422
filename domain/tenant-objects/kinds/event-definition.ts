import type { EventDefinition } from "@/generated/prisma-sqlite/client";
import { type SpecDefinitionInput, validSpecDefinition } from "@/domain/catalog/catalog-rules";
import { fetchSpecAfterCommit } from "@/domain/catalog/spec-fetch";
import { type TenantObjectInput, defineKind } from "../tenant-object-kind";
import { IN_APPLICATION_CATALOG } from "./catalog-kind";

export interface EventDefinitionInput extends TenantObjectInput, SpecDefinitionInput {}

/** Compass's event definitions (AsyncAPI): under an application, in one of its bundles or none. */
export const EVENT_DEFINITION = defineKind<EventDefinition, EventDefinitionInput, object>({
  type: "EVENT_DEFINITION",
  table: "EventDefinition",
  ...IN_APPLICATION_CATALOG,
  validate: (input) => validSpecDefinition(input, ["ASYNC_API"]),
  auditFields: (row) => ({ name: row.name, applicationId: row.applicationId, bundleId: row.bundleId, specType: row.specType }),
  afterCommit: fetchSpecAfterCommit((db) => db.eventDefinition),
});
