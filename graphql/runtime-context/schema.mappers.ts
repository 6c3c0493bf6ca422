import type { RuntimeContext } from "@/generated/prisma-sqlite/client";
import type { LazyPage } from "@/domain/paging/cursor";

export type RuntimeContextMapper = RuntimeContext;
export type RuntimeContextPageMapper = LazyPage<RuntimeContext>;
