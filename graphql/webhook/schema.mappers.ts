import type { Webhook } from "@/generated/prisma-sqlite/client";

export type WebhookMapper = Webhook;
