import type { ApplicationTemplatePageResolvers } from "@/graphql/types.generated";
import { pageFields } from "@/graphql/base/page-fields";

export const ApplicationTemplatePage: ApplicationTemplatePageResolvers = pageFields;
