import DataLoader from "dataloader";
import type { FormationConstraintMapper as FormationConstraint } from "@/graphql/formation-constraint/schema.mappers";
import type { FormationTemplateResolvers } from "@/graphql/types.generated";
import type { GraphQLContext } from "@/graphql/context";
import { constraintsOfTemplates } from "@/domain/formation-constraints/formation-constraint.service";

/** Per request, beside the context: a page of templates reads its constraints in one query. */
const loaders = new WeakMap<GraphQLContext, DataLoader<string, FormationConstraint[]>>();

export const FormationTemplate: Pick<FormationTemplateResolvers, 'formationConstraints'> = {
  formationConstraints: (row, _args, ctx) => {
    let loader = loaders.get(ctx);
    if (!loader) loaders.set(ctx, (loader = new DataLoader((ids: readonly string[]) => constraintsOfTemplates(ctx.db, ids))));
    return loader.load(row.id);
  },
};
