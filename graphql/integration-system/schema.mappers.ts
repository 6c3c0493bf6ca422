import type { IntegrationSystem, SystemAuth } from "@/generated/prisma-sqlite/client";
import type { LazyPage } from "@/domain/paging/cursor";

/** Rows as Prisma returns them; `auths` is present when already loaded (e.g. by a delete). */
export type IntegrationSystemMapper = IntegrationSystem & { auths?: SystemAuth[] };
export type IntegrationSystemPageMapper = LazyPage<IntegrationSystem>;
/** `clientSecret` is set only on the object the generating mutation returns. */
export type IntSysSystemAuthMapper = SystemAuth & { clientSecret?: string };
/** A credential of an integration system, application or runtime (told apart by SystemAuth.__resolveType). */
export type SystemAuthMapper = IntSysSystemAuthMapper;
export type AuthMapper = IntSysSystemAuthMapper;
export type OAuthCredentialDataMapper = IntSysSystemAuthMapper;
