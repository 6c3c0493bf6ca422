import type { FormationTemplateResolvers } from "@/graphql/types.generated";
import { listOf } from "@/domain/formation-templates/formation-template.service";
import { labelsField } from "@/graphql/application-template/template-fields";
import { ownerWebhooksField } from "@/graphql/webhook/webhook-fields";

export const FormationTemplate: Pick<FormationTemplateResolvers, 'applicationTypes'|'createdAt'|'discoveryConsumers'|'id'|'labels'|'leadingProductIDs'|'name'|'runtimeArtifactKind'|'runtimeTypeDisplayName'|'runtimeTypes'|'supportsReset'|'updatedAt'|'webhooks'> = {
  applicationTypes: (row) => listOf(row.applicationTypes) ?? [],
  runtimeTypes: (row) => listOf(row.runtimeTypes),
  runtimeArtifactKind: (row) => row.runtimeArtifactKind as "SUBSCRIPTION" | "SERVICE_INSTANCE" | "ENVIRONMENT_INSTANCE" | null,
  leadingProductIDs: (row) => listOf(row.leadingProductIds),
  discoveryConsumers: (row) => listOf(row.discoveryConsumers),
  webhooks: ownerWebhooksField,
  labels: labelsField,
};
