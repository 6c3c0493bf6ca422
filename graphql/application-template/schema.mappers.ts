import type { ApplicationTemplate } from "@/generated/prisma-sqlite/client";
import type { LazyPage } from "@/domain/paging/cursor";

export type ApplicationTemplateMapper = ApplicationTemplate;
export type ApplicationTemplatePageMapper = LazyPage<ApplicationTemplate>;
