import type { IssuedOneTimeToken } from "@/domain/pairing/one-time-token.service";

/** The token as issued, with the Connector's absolute URL for this request. */
export type OneTimeTokenForApplicationMapper = IssuedOneTimeToken & { connectorURL: string };
export type OneTimeTokenForRuntimeMapper = IssuedOneTimeToken & { connectorURL: string };
export type { IssuedCertificate as IssuedCertificateMapper } from "@/generated/prisma-sqlite/client";
