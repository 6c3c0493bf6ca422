import type { APIDefinition } from "@/generated/prisma-sqlite/client";
import { type SpecDefinitionInput, validLooseUrl, validSpecDefinition } from "@/domain/catalog/catalog-rules";
import { fetchSpecAfterCommit } from "@/domain/catalog/spec-fetch";
import { type TenantObjectInput, defineKind } from "../tenant-object-kind";
import { IN_APPLICATION_CATALOG } from "./catalog-kind";

export interface APIDefinitionInput extends TenantObjectInput, SpecDefinitionInput {
  targetURL: string;
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
  ...IN_APPLICATION_CATALOG,
  validate: (input) => ({ ...validSpecDefinition(input, ["ODATA", "OPEN_API"]), targetUrl: validLooseUrl(input.targetURL, "in.targetURL")! }),
  // Compass's rule: an application without a base URL takes its first API's origin.
  afterInsert: async (tx, row) => {
    const origin = originOf(row.targetUrl);
    if (origin) await tx.application.updateMany({ where: { id: row.applicationId, baseUrl: null }, data: { baseUrl: origin } });
  },
  auditFields: (row) => ({ name: row.name, applicationId: row.applicationId, bundleId: row.bundleId, targetUrl: row.targetUrl, specType: row.specType }),
  afterCommit: fetchSpecAfterCommit((db) => db.aPIDefinition),
});
