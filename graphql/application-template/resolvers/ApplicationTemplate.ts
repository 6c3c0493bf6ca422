import type { ApplicationTemplateResolvers } from "@/graphql/types.generated";
import { ownerWebhooksField } from "@/graphql/webhook/webhook-fields";
import { applicationsCountField, labelsField, placeholdersField } from "../template-fields";

export const ApplicationTemplate: ApplicationTemplateResolvers = {
  webhooks: ownerWebhooksField,
  placeholders: placeholdersField,
  labels: labelsField,
  accessLevel: (row) => row.accessLevel as "GLOBAL",
  integrationSystemID: (row) => row.integrationSystemId,
  applicationsCount: applicationsCountField,
};
