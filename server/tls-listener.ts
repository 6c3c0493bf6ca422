import https from "node:https";
import type { RequestListener } from "node:http";
import type { Config } from "@/lib/config";

/**
 * The optional second listener (TLS_PORT, TLS_CERT, TLS_KEY): the same request listener as the plain
 * one, over TLS, asking every client for a certificate. The handshake accepts any certificate, or none:
 * who a certificate is, and whether it is expired, revoked or from an unknown CA, is decided per request
 * (domain/pairing/client-certificates.service.ts), so a refusal is a GraphQL error that says why rather
 * than a failed handshake that says nothing.
 */
export function createTlsServer(tls: NonNullable<Config["tls"]>, listener: RequestListener): https.Server {
  const server = https.createServer(
    { cert: tls.certificatePem, key: tls.privateKeyPem, requestCert: true, rejectUnauthorized: false, minVersion: "TLSv1.2" },
    listener,
  );
  server.keepAliveTimeout = 65_000;
  return server;
}
