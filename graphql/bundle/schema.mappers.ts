import type { APIDefinition, Bundle, BundleInstanceAuth, Document, EventDefinition, IntegrationDependency } from "@/generated/prisma-sqlite/client";
import type { LazyPage } from "@/domain/paging/cursor";

export type BundleMapper = Bundle;
export type BundlePageMapper = LazyPage<Bundle>;
export type APIDefinitionMapper = APIDefinition;
export type APIDefinitionPageMapper = LazyPage<APIDefinition>;
export type EventDefinitionMapper = EventDefinition;
export type EventDefinitionPageMapper = LazyPage<EventDefinition>;
export type DocumentMapper = Document;
export type DocumentPageMapper = LazyPage<Document>;
export type IntegrationDependencyMapper = IntegrationDependency;
export type IntegrationDependencyPageMapper = LazyPage<IntegrationDependency>;
/** A spec is read from its API or event definition's row. */
export type APISpecMapper = APIDefinition;
export type EventSpecMapper = EventDefinition;
/** A fetch request is read from the row that holds it (a spec's definition, or a document). */
export type FetchRequestMapper = { fetchRequest: string | null; fetchAuthSealed: string | null; sealId: string };
export type BundleInstanceAuthMapper = BundleInstanceAuth;
export type BundleInstanceAuthStatusMapper = BundleInstanceAuth;
