import type { FormationResolvers } from "@/graphql/types.generated";
import { findFormationAssignment, listFormationAssignments } from "@/domain/formations/formation.service";

export const Formation: FormationResolvers = {
  tenantID: (row) => row.tenantId,
  error: () => null,
  status: (row) => ({ condition: row.state === "DRAFT" ? "DRAFT" : "READY", errors: [] }),
  lastStateChangeTimestamp: (row) => row.lastStateChangeAt.toISOString(),
  lastNotificationSentTimestamp: () => null,
  formationAssignment: (row, { id }, ctx) => findFormationAssignment(ctx.db, row.id, id),
  formationAssignments: (row, args, ctx) => listFormationAssignments(ctx.db, row.id, { first: args.first ?? 200, after: args.after }),
};
