import type { QueryResolvers } from "@/graphql/types.generated";
import { requireScope } from "@/domain/principals/authorize";
import { findFormationTemplate } from "@/domain/formation-templates/formation-template.service";
import { SCOPES } from "@/lib/scopes";

export const formationTemplate: NonNullable<QueryResolvers['formationTemplate']> = (_parent, { id }, ctx) => {
  requireScope(ctx.principal, SCOPES.formationTemplateRead, "reading a formation template");
  return findFormationTemplate(ctx.db, id);
};
