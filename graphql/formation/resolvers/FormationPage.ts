import type { FormationPageResolvers } from "@/graphql/types.generated";
import { pageFields } from "@/graphql/base/page-fields";

export const FormationPage: FormationPageResolvers = pageFields;
