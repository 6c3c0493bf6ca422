import type { AssignmentOperationPageResolvers } from "@/graphql/types.generated";
import { pageFields } from "@/graphql/base/page-fields";

export const AssignmentOperationPage: AssignmentOperationPageResolvers = pageFields;
