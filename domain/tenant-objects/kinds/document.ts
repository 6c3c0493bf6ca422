import type { Document } from "@/generated/prisma-sqlite/client";
import {
  CATALOG_LIMITS,
  DOCUMENT_FORMATS,
  type FetchRequestInput,
  oneOf,
  optionalText,
  requiredText,
  validData,
  sealFetchAuth,
  validFetchRequest,
} from "@/domain/catalog/catalog-rules";
import type { StoredAuth } from "@/domain/webhooks/webhook-rules";
import { fetchAfterCommit } from "@/domain/catalog/spec-fetch";
import { type TenantObjectInput, childOf, defineKind } from "../tenant-object-kind";

export interface DocumentInput extends TenantObjectInput {
  title: string;
  displayName: string;
  description: string;
  format: string;
  kind?: string | null;
  data?: string | null;
  fetchRequest?: FetchRequestInput | null;
}

/** Compass's documents (Markdown) of a bundle; they go with it. Its id seals its fetch request's auth. */
export const DOCUMENT = defineKind<Document, DocumentInput, { fetchAuth: StoredAuth | null }>({
  type: "DOCUMENT",
  table: "Document",
  ...childOf("BUNDLE", 1_000),
  title: (row) => row.title,
  validate: (input) => ({
    title: requiredText(input.title, "in.title", CATALOG_LIMITS.documentTitle),
    displayName: requiredText(input.displayName, "in.displayName", CATALOG_LIMITS.documentTitle),
    description: requiredText(input.description, "in.description", CATALOG_LIMITS.description),
    format: oneOf(input.format, DOCUMENT_FORMATS, "in.format"),
    kind: optionalText(input.kind, "in.kind", CATALOG_LIMITS.kind),
    data: validData(input.data, "in.data"),
    ...validFetchRequest(input.fetchRequest, "in.fetchRequest"),
  }),
  createData: ({ fetchAuth, ...valid }, id) => ({ ...valid, fetchAuthSealed: sealFetchAuth(id, fetchAuth) }),
  auditFields: (row) => ({ title: row.title, displayName: row.displayName, bundleId: row.bundleId }),
  afterCommit: fetchAfterCommit((db) => db.document, {
    dataColumn: "data",
    sealIdOf: (row) => (row as Document).id,
    formatOf: (row) => (row as Document).format,
  }),
});
