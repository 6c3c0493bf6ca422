import type { FormationTemplate } from "@/generated/prisma-sqlite/client";
import type { LazyPage } from "@/domain/paging/cursor";

export type FormationTemplateMapper = FormationTemplate;
export type FormationTemplatePageMapper = LazyPage<FormationTemplate>;
