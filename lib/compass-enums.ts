/**
 * Compass's enums that both the API's checks (domain/) and the console's
 * selects (components/) list, in the order Compass's schema.graphql gives
 * them: one list, so that a value added to the SDL is offered where it is
 * accepted. Pure, so the console may import it.
 */

/** Compass's ApplicationStatusCondition. */
export const APPLICATION_CONDITIONS = [
  "INITIAL",
  "CONNECTED",
  "FAILED",
  "CREATING",
  "CREATE_FAILED",
  "CREATE_SUCCEEDED",
  "UPDATING",
  "UPDATE_FAILED",
  "UPDATE_SUCCEEDED",
  "DELETING",
  "DELETE_FAILED",
  "DELETE_SUCCEEDED",
  "UNPAIRING",
  "UNPAIR_FAILED",
] as const;
export type ApplicationCondition = (typeof APPLICATION_CONDITIONS)[number];

/** Compass's RuntimeStatusCondition. */
export const RUNTIME_CONDITIONS = ["INITIAL", "PROVISIONING", "CONNECTED", "FAILED"] as const;
export type RuntimeCondition = (typeof RUNTIME_CONDITIONS)[number];

/** Compass's WebhookType. */
export const WEBHOOK_TYPES = [
  "CONFIGURATION_CHANGED",
  "APPLICATION_TENANT_MAPPING",
  "REGISTER_APPLICATION",
  "UNREGISTER_APPLICATION",
  "OPEN_RESOURCE_DISCOVERY",
  "OPEN_RESOURCE_DISCOVERY_STATIC",
  "FORMATION_LIFECYCLE",
  "SYSTEM_FIELD_DISCOVERY",
] as const;
export type WebhookType = (typeof WEBHOOK_TYPES)[number];

/** Compass's WebhookMode. */
export const WEBHOOK_MODES = ["SYNC", "ASYNC", "ASYNC_CALLBACK"] as const;
export type WebhookMode = (typeof WEBHOOK_MODES)[number];

/** Compass's default formation template (its model.DefaultTemplateName), seeded by the formations migration: createFormation without a templateName uses it. */
export const DEFAULT_FORMATION_TEMPLATE_NAME = "Side-by-side extensibility with Kyma";
