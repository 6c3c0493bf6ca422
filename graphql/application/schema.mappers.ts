import type { Application } from "@/generated/prisma-sqlite/client";
import type { LazyPage } from "@/domain/paging/cursor";

export type ApplicationMapper = Application;
export type ApplicationPageMapper = LazyPage<Application>;
import type { SystemAuth } from "@/generated/prisma-sqlite/client";
/** `clientSecret` is set only on the object the requesting mutation returns. */
export type AppSystemAuthMapper = SystemAuth & { clientSecret?: string };
export type ApplicationStatusMapper = Application;
