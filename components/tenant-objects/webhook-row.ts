import type { WebhookSummaryFragment } from "./webhooks.generated";

/** A webhook as the section lists it (no secrets). */
export type WebhookRow = WebhookSummaryFragment & { createdAt: string };

/** A webhook's type or mode in words: CONFIGURATION_CHANGED is "Configuration changed". */
export const typeLabel = (type: string) => type.charAt(0) + type.slice(1).toLowerCase().replaceAll("_", " ");
