import type { Plugin } from "graphql-yoga";
import { countGraphQLOperation } from "@/lib/metrics";

/**
 * The console's own operation names (the .graphql documents under components/), the only ones
 * that get a time series of their own: any other name is "other", so a
 * client cannot add a series per request by naming its operations.
 * graphql/plugins/operation-metrics.test.ts keeps this list in step with the documents.
 */
export const KNOWN_OPERATION_NAMES: ReadonlySet<string> = new Set([
  "AddApiDefinition",
  "AddBundle",
  "AddEventDefinition",
  "AddWebhook",
  "ApiTokens",
  "ApplicationApis",
  "ApplicationDetail",
  "ApplicationEvents",
  "ApplicationTemplateDetail",
  "ApplicationTemplateList",
  "ApplicationWebhookAuths",
  "ApplicationWebhooks",
  "AssignFormation",
  "AssignableObjects",
  "AuditLog",
  "AuditLogCsv",
  "BundleContents",
  "Bundles",
  "CertificateSubjectMappings",
  "ChangePassword",
  "ChangeUserRole",
  "ConfirmSecretStored",
  "CreateApiToken",
  "CreateApplicationTemplate",
  "CreateCertificateSubjectMapping",
  "CreateFormation",
  "CreateIntegrationSystem",
  "CreateLabelDefinition",
  "CreatePasswordResetLink",
  "CreateTenant",
  "CredentialSettings",
  "DeleteApiDefinition",
  "DeleteApplicationCredential",
  "DeleteApplicationLabel",
  "DeleteApplicationTemplate",
  "DeleteBundle",
  "DeleteBundleInstanceAuth",
  "DeleteCertificateSubjectMapping",
  "DeleteCredential",
  "DeleteEventDefinition",
  "DeleteFormation",
  "DeleteIntegrationSystem",
  "DeleteLabelDefinition",
  "DeleteRuntimeCredential",
  "DeleteRuntimeLabel",
  "DeleteTenant",
  "DeleteUser",
  "DeleteWebhook",
  "EndAllSessions",
  "EndSession",
  "FormationDetail",
  "FormationMembers",
  "FormationTemplateChoices",
  "GenerateClientCredentials",
  "GlobalSearch",
  "IntegrationSystemApplications",
  "IntegrationSystemChoices",
  "IntegrationSystemDependents",
  "IntegrationSystemDetail",
  "IntegrationSystemForEdit",
  "IntegrationSystemList",
  "InviteUser",
  "IssuedCertificates",
  "LabelDefinitions",
  "MySessions",
  "Overview",
  "OverviewEvents",
  "PairApplication",
  "PairRuntime",
  "RegisterApplication",
  "RegisterApplicationFromTemplate",
  "RegisterRuntime",
  "RegisterRuntimeContext",
  "RequestApplicationCredentials",
  "RequestRuntimeCredentials",
  "ResendInvitation",
  "RevokeApiToken",
  "RevokeInvitation",
  "RevokeIssuedCertificate",
  "RuntimeContexts",
  "RuntimeDetail",
  "RuntimeWebhookAuths",
  "RuntimeWebhooks",
  "SetApplicationLabel",
  "SetBundleInstanceAuth",
  "SetCredentialNote",
  "SetRuntimeLabel",
  "TemplatePicker",
  "TemplatePlaceholders",
  "TenantApplicationCount",
  "TenantApplications",
  "TenantDetail",
  "TenantFormations",
  "TenantList",
  "TenantRuntimes",
  "TokenScopeChoices",
  "UnassignFormation",
  "UnregisterApplication",
  "UnregisterRuntime",
  "UnregisterRuntimeContext",
  "UpdateApiDefinition",
  "UpdateApplication",
  "UpdateApplicationTemplate",
  "UpdateBundle",
  "UpdateEventDefinition",
  "UpdateIntegrationSystem",
  "UpdateLabelDefinition",
  "UpdateRuntime",
  "UpdateRuntimeContext",
  "UpdateTenant",
  "UpdateWebhook",
  "UserApiTokens",
  "UserSessions",
  "Users",
]);

/** The operation label: a known name, "anonymous" for none, "other" for any other. */
export const operationLabel = (name: string | null | undefined) => (!name ? "anonymous" : KNOWN_OPERATION_NAMES.has(name) ? name : "other");

const OUTCOMES = new Set(["BAD_USER_INPUT", "NOT_FOUND", "CONFLICT", "UNAUTHENTICATED", "FORBIDDEN", "SERVICE_UNAVAILABLE", "INTERNAL_SERVER_ERROR"]);

/** "success", or the first error's code (from the fixed set of docs/design.md; any other is "error"). */
function outcomeOf(result: unknown): string {
  const errors = (result as { errors?: readonly { extensions?: { code?: unknown } }[] }).errors;
  if (!errors || errors.length === 0) return "success";
  const code = errors[0].extensions?.code;
  return typeof code === "string" && OUTCOMES.has(code) ? code : "error";
}

/**
 * Counts and times each executed operation (server/metrics.ts). Added to the
 * GraphQL server only when metrics are on (graphql/yoga.ts); requests refused
 * before execution (parse, validation, authentication) are counted by the
 * HTTP metrics.
 */
export function useOperationMetrics(): Plugin {
  return {
    onExecute({ args }) {
      const started = performance.now();
      const operation = operationLabel(args.operationName ?? firstOperationName(args.document));
      return {
        onExecuteDone({ result }) {
          // A stream (subscription, @defer) is counted once, when it starts.
          countGraphQLOperation(operation, Symbol.asyncIterator in (result as object) ? "success" : outcomeOf(result), (performance.now() - started) / 1000);
        },
      };
    },
  };
}

function firstOperationName(document: { definitions: readonly { kind: string; name?: { value: string } }[] }): string | undefined {
  return document.definitions.find((definition) => definition.kind === "OperationDefinition")?.name?.value;
}
