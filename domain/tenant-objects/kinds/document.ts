import { type Document, Prisma } from "@/generated/prisma-sqlite/client";
import { SCOPES } from "@/lib/scopes";
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
import { type TenantObjectInput, defineKind } from "../tenant-object-kind";

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
  model: (db) => db.document,
  scalarFields: Prisma.DocumentScalarFieldEnum,
  dateColumns: ["createdAt", "updatedAt"],
  nouns: { a: "a document", one: "document", many: "documents" },
  audit: { registered: "DOCUMENT_REGISTERED", updated: "DOCUMENT_UPDATED", unregistered: "DOCUMENT_UNREGISTERED" },
  scopes: { read: SCOPES.applicationRead, write: SCOPES.applicationWrite },
  manager: "registrar",
  parent: { type: "BUNDLE", column: "bundleId", max: 1_000 },
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
  credentials: false,
});
