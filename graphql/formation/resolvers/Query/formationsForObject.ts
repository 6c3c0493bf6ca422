import type { QueryResolvers } from "@/graphql/types.generated";
import { requireScope } from "@/domain/principals/authorize";
import { formationsForObject as formationsOf } from "@/domain/formations/formation.service";
import { SCOPES } from "@/lib/scopes";

export const formationsForObject: NonNullable<QueryResolvers['formationsForObject']> = async (_parent, args, ctx) => {
  const doing = "listing an object's formations";
  requireScope(ctx.principal, SCOPES.formationRead, doing);
  return formationsOf(ctx.db, args.objectID);
};
