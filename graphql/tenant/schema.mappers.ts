import type { Tenant } from "@/generated/prisma-sqlite/client";
import type { LazyPage } from "@/domain/paging/cursor";
import type { SharedObject } from "@/domain/tenants/tenant-access.service";

export type TenantMapper = Tenant;
export type TenantPageMapper = LazyPage<Tenant>;
export type TenantAccessMapper = SharedObject;
