import type { Bundle } from "@/generated/prisma-sqlite/client";
import { checkSchema } from "@/domain/labels/label-rules";
import type { AuthInput } from "@/domain/webhooks/webhook-rules";
import { sealAuth } from "@/domain/webhooks/webhook-auth";
import { validCatalogAuth, validDescription, validName, validStringList } from "@/domain/catalog/catalog-rules";
import { type TenantObjectInput, childOf, defineKind } from "../tenant-object-kind";
import type { APIDefinitionInput } from "./api-definition";
import type { EventDefinitionInput } from "./event-definition";
import type { DocumentInput } from "./document";

export interface BundleInput extends TenantObjectInput {
  name: string;
  description?: string | null;
  instanceAuthRequestInputSchema?: string | null;
  defaultInstanceAuth?: AuthInput | null;
  correlationIDs?: readonly string[] | null;
  apiDefinitions?: readonly APIDefinitionInput[] | null;
  eventDefinitions?: readonly EventDefinitionInput[] | null;
  documents?: readonly DocumentInput[] | null;
}

/** The sealing context of a bundle's default instance auth: the row's id, so a sealed value moved to another row does not open. */
export const defaultAuthSealId = (bundleId: string) => `bundle-default-auth:${bundleId}`;

/**
 * Compass's bundles: the API and event definitions and documents an
 * application offers together, with the JSON Schema a runtime's request for
 * credentials must match and the credentials given at once. Whoever may change
 * the application may change its bundles (its managing integration system,
 * admins, the application itself); they go with it.
 */
export const BUNDLE = defineKind<
  Bundle,
  BundleInput,
  Omit<BundleInput, "defaultInstanceAuth" | "correlationIDs" | "apiDefinitions" | "eventDefinitions" | "documents" | "labels"> & {
    defaultInstanceAuth?: ReturnType<typeof validCatalogAuth>["auth"];
    correlationIds?: string | null;
  }
>({
  type: "BUNDLE",
  table: "Bundle",
  // Compass sets no bound; one keeps an application's own token from filling the table (decision 0030).
  ...childOf("APPLICATION", 1_000),
  title: (row) => row.name,
  validate: (input) => ({
    name: validName(input.name, "in.name"),
    description: validDescription(input.description, "in.description"),
    instanceAuthRequestInputSchema: input.instanceAuthRequestInputSchema
      ? checkSchema(input.instanceAuthRequestInputSchema, "in.instanceAuthRequestInputSchema")
      : null,
    defaultInstanceAuth: validCatalogAuth(input.defaultInstanceAuth, "in.defaultInstanceAuth").auth,
    correlationIds: validStringList(input.correlationIDs, "in.correlationIDs"),
  }),
  // Compass's update input has no defaultInstanceAuth or correlationIDs: an update keeps them.
  validateUpdate: (input: BundleInput) => ({
    name: validName(input.name, "in.name"),
    description: validDescription(input.description, "in.description"),
    instanceAuthRequestInputSchema: input.instanceAuthRequestInputSchema
      ? checkSchema(input.instanceAuthRequestInputSchema, "in.instanceAuthRequestInputSchema")
      : null,
  }),
  createData: ({ defaultInstanceAuth, ...valid }, id) => ({
    ...valid,
    defaultInstanceAuthSealed: defaultInstanceAuth ? sealAuth(defaultAuthSealId(id), defaultInstanceAuth) : null,
  }),
  nested: (input) => [
    { type: "API_DEFINITION", inputs: input.apiDefinitions, field: "in.apiDefinitions" },
    { type: "EVENT_DEFINITION", inputs: input.eventDefinitions, field: "in.eventDefinitions" },
    { type: "DOCUMENT", inputs: input.documents, field: "in.documents" },
  ],
  auditFields: (row) => ({
    name: row.name,
    description: row.description,
    applicationId: row.applicationId,
    hasDefaultInstanceAuth: !!row.defaultInstanceAuthSealed,
  }),
});
