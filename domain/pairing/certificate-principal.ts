import type { Db } from "@/lib/db";
import { unauthenticated } from "@/domain/errors";
import { OBJECT_SCOPES, type Principal, type TenantAccessLevels, clientPrincipal, integrationSystemPrincipal } from "@/domain/principals/principal";
import { accessLevelsOf } from "@/domain/certificate-subject-mappings/certificate-subject-mapping.service";
import type { CertificateIdentity } from "./client-certificates.service";

/**
 * The principal a client certificate signs in as, with the rights and confinement that object's OAuth2
 * token has: one the Connector issued acts as its application or runtime with its system auth's scopes
 * (confined to its tenant and itself); one mapped by a certificate subject mapping acts as the mapping's
 * consumer: an integration system (with the scopes integration systems' credentials get), an application
 * or a runtime (with its kind's scopes). Other consumer types have no counterpart here and are refused.
 */
export async function certificatePrincipal(db: Db, identity: CertificateIdentity, integrationSystemScopes: readonly string[]): Promise<Principal> {
  if (identity.kind === "ISSUED") {
    const auth = await db.systemAuth.findUnique({ where: { id: identity.systemAuthId } });
    const object = await objectNamed(db, identity.ownerType, identity.ownerId);
    if (!auth || !object) throw unauthenticated("Client certificate refused: the application or runtime it was issued for no longer exists");
    const owner = { kind: identity.ownerType, id: identity.ownerId, name: object.name, tenantId: object.tenantId };
    return { ...clientPrincipal({ owner, clientId: auth.id }, { jti: identity.serial, scope: auth.scopes }), tokenId: null, authMethod: "CLIENT_CERTIFICATE" };
  }
  const { mapping } = identity;
  const consumerId = mapping.internalConsumerId;
  const tenantAccessLevels: TenantAccessLevels = new Set(accessLevelsOf(mapping));
  if (mapping.consumerType === "Integration System" && consumerId) {
    const system = await db.integrationSystem.findUnique({ where: { id: consumerId } });
    if (!system) throw unauthenticated("Client certificate refused: its certificate subject mapping names no existing integration system");
    return {
      ...integrationSystemPrincipal(
        { integrationSystemId: system.id, integrationSystemName: system.name, clientId: `certificate:${mapping.id}` },
        { jti: mapping.id, scope: integrationSystemScopes.join(" ") },
      ),
      tokenId: null,
      authMethod: "CLIENT_CERTIFICATE",
      tenantAccessLevels,
    };
  }
  const kind: "APPLICATION" | "RUNTIME" | null = mapping.consumerType === "Application" ? "APPLICATION" : mapping.consumerType === "Runtime" ? "RUNTIME" : null;
  if (kind && consumerId) {
    const object = await objectNamed(db, kind, consumerId);
    if (!object) throw unauthenticated(`Client certificate refused: its certificate subject mapping names no existing ${kind.toLowerCase()}`);
    const owner = { kind, id: consumerId, name: object.name, tenantId: object.tenantId };
    const scope = OBJECT_SCOPES[kind].join(" ");
    return {
      ...clientPrincipal({ owner, clientId: `certificate:${mapping.id}` }, { jti: mapping.id, scope }),
      tokenId: null,
      authMethod: "CLIENT_CERTIFICATE",
      tenantAccessLevels,
    };
  }
  throw unauthenticated(
    `Client certificate refused: its certificate subject mapping's consumer (${mapping.consumerType}, access levels ${accessLevelsOf(mapping).join(", ")}) has no counterpart here; Integration System, Application and Runtime with an internalConsumerID sign in`,
  );
}

function objectNamed(db: Db, kind: "APPLICATION" | "RUNTIME", id: string) {
  const select = { name: true, tenantId: true } as const;
  return kind === "APPLICATION" ? db.application.findUnique({ where: { id }, select }) : db.runtime.findUnique({ where: { id }, select });
}
