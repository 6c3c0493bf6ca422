import type { Runtime, SystemAuth } from "@/generated/prisma-sqlite/client";
import type { LazyPage } from "@/domain/paging/cursor";

export type RuntimeMapper = Runtime;
export type RuntimePageMapper = LazyPage<Runtime>;
export type RuntimeStatusMapper = Runtime;
export type RuntimeMetadataMapper = Runtime;
/** `clientSecret` is set only on the object the requesting mutation returns. */
export type RuntimeSystemAuthMapper = SystemAuth & { clientSecret?: string };
