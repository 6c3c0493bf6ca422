import type { BundleResolvers } from "@/graphql/types.generated";
import { API_DEFINITION } from "@/domain/tenant-objects/kinds/api-definition";
import { EVENT_DEFINITION } from "@/domain/tenant-objects/kinds/event-definition";
import { DOCUMENT } from "@/domain/tenant-objects/kinds/document";
import { defaultAuthSealId } from "@/domain/tenant-objects/kinds/bundle";
import { openAuth } from "@/domain/webhooks/webhook-auth";
import { childField, childListField, groupField, groupListField } from "@/graphql/tenant-objects/resolvers";
import { authView, unsetOrdFields } from "@/graphql/bundle/catalog-fields";
import { instanceAuthField, instanceAuthsField } from "@/graphql/bundle/instance-auth-fields";

export const Bundle: BundleResolvers = {
  apiDefinitions: groupListField(API_DEFINITION),
  apiDefinition: groupField(API_DEFINITION),
  eventDefinitions: groupListField(EVENT_DEFINITION),
  eventDefinition: groupField(EVENT_DEFINITION),
  documents: childListField(DOCUMENT),
  document: childField(DOCUMENT),
  correlationIDs: (row) => (row.correlationIds ? (JSON.parse(row.correlationIds) as string[]) : null),
  defaultInstanceAuth: (row, _args, ctx) =>
    authView(ctx, () => (row.defaultInstanceAuthSealed ? openAuth(defaultAuthSealId(row.id), row.defaultInstanceAuthSealed) : null)),
  instanceAuths: instanceAuthsField,
  instanceAuth: instanceAuthField,
  ...unsetOrdFields,
};
