import type { FormationTemplatePageResolvers } from "@/graphql/types.generated";
import { pageFields } from "@/graphql/base/page-fields";

export const FormationTemplatePage: FormationTemplatePageResolvers = pageFields;
