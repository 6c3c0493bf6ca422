import type { IntegrationSystem, SystemAuth } from "@/generated/prisma-sqlite/client";
import type { LazyPage } from "@/domain/paging/cursor";
import type { WebhookAuthView, WebhookOAuthView } from "@/graphql/webhook/auth-view";

/** Rows as Prisma returns them; `auths` is present when already loaded (e.g. by a delete). */
export type IntegrationSystemMapper = IntegrationSystem & { auths?: SystemAuth[] };
export type IntegrationSystemPageMapper = LazyPage<IntegrationSystem>;
/** `clientSecret` is set only on the object the generating mutation returns. */
export type IntSysSystemAuthMapper = SystemAuth & { clientSecret?: string };
/** A credential of an integration system, application or runtime (told apart by SystemAuth.__resolveType). */
export type SystemAuthMapper = IntSysSystemAuthMapper;
/** Auth is also a webhook's (graphql/webhook/auth-view.ts). */
export type AuthMapper = IntSysSystemAuthMapper | WebhookAuthView;
export type OAuthCredentialDataMapper = IntSysSystemAuthMapper | WebhookOAuthView;
