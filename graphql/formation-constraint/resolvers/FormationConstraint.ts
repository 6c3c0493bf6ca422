import type { FormationConstraintResolvers } from "@/graphql/types.generated";

/** Every field is its column (Compass answers the enums as strings). */
export const FormationConstraint: FormationConstraintResolvers = {};
