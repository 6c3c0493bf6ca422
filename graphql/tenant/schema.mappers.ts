import type { Tenant } from "@/generated/prisma-sqlite/client";
import type { LazyPage } from "@/domain/paging/cursor";

export type TenantMapper = Tenant;
export type TenantPageMapper = LazyPage<Tenant>;
