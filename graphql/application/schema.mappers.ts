import type { Application } from "../../generated/prisma-sqlite/client";
import type { LazyPage } from "@/domain/paging/cursor";

export type ApplicationMapper = Application;
export type ApplicationPageMapper = LazyPage<Application>;
