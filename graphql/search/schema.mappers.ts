import type { GlobalSearchResult, TenantObjectHit } from "@/domain/search/global-search";

export type GlobalSearchResultMapper = GlobalSearchResult;
export type TenantObjectHitMapper = TenantObjectHit;
