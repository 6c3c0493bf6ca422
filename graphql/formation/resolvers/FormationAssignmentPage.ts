import type { FormationAssignmentPageResolvers } from "@/graphql/types.generated";
import { pageFields } from "@/graphql/base/page-fields";

export const FormationAssignmentPage: FormationAssignmentPageResolvers = pageFields;
