import type { Tenant } from "../../generated/prisma-sqlite/client";
import type { LazyPage } from "../base/cursor";

export type TenantMapper = Tenant;
export type TenantPageMapper = LazyPage<Tenant>;
