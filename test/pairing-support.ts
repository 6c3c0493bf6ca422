/**
 * What the pairing tests share: a client's side of Compass's Connector flow (a key pair and a CSR, as
 * Compass's Go clients make them: tests/pkg/certs CreateCsr), and its documents, verbatim from Compass's
 * tests/pkg/clients/query.go (configuration() with its empty argument list).
 */
import "reflect-metadata";
import { webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export const CONFIGURATION = `query {
	result: configuration() {
		token { token }
	certificateSigningRequestInfo { subject keyAlgorithm }
	managementPlaneInfo { 
		directorURL
		certificateSecuredConnectorURL
	}
	}
}`;

export const signCsrDocument = (csr: string) => `mutation {
	result: signCertificateSigningRequest(csr: "${csr}") {
		certificateChain
			caCertificate
			clientCertificate
	}
}`;

export const REVOKE = `mutation {
	result: revokeCertificate
}`;

/** A key pair and a CSR for `subject` (RSA of `bits`, or ECDSA P-256), the CSR as base64 of its PEM; the key as PKCS #8 PEM. */
export async function keyAndCsr(subject: string, key: { rsaBits: number } | "ec" = { rsaBits: 2048 }) {
  const algorithm =
    key === "ec"
      ? { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" }
      : { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256", publicExponent: new Uint8Array([1, 0, 1]), modulusLength: key.rsaBits };
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ["sign", "verify"])) as CryptoKeyPair;
  const request = await x509.Pkcs10CertificateRequestGenerator.create({ name: subject, keys, signingAlgorithm: algorithm });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", keys.privateKey)).toString("base64");
  const privateKeyPem = `-----BEGIN PRIVATE KEY-----\n${pkcs8.match(/.{1,64}/g)!.join("\n")}\n-----END PRIVATE KEY-----\n`;
  return { csr: Buffer.from(request.toString("pem")).toString("base64"), privateKeyPem };
}

/** The PEM blocks of base64 of PEM (the Connector's answers). */
export function pemBlocks(base64: string): string[] {
  return (
    Buffer.from(base64, "base64")
      .toString()
      .match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/g) ?? []
  );
}

const RSA = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256", publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };

async function pkcs8Pem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", key)).toString("base64");
  return `-----BEGIN PRIVATE KEY-----\n${der.match(/.{1,64}/g)!.join("\n")}\n-----END PRIVATE KEY-----\n`;
}

/**
 * A certificate and its key (PEM) made here, not by the product: a TLS server's (`serverIp`: its
 * subjectAltName), an outside CA (`ca`), or a client certificate signed by `issuer` (else self-signed).
 */
export async function certificate(
  subject: string,
  options: { ca?: boolean; serverIp?: string; issuer?: { cert: string; key: string }; days?: number } = {},
): Promise<{ cert: string; key: string }> {
  const keys = (await webcrypto.subtle.generateKey(RSA, true, ["sign", "verify"])) as CryptoKeyPair;
  const extensions: x509.Extension[] = [new x509.BasicConstraintsExtension(!!options.ca, undefined, true)];
  extensions.push(
    new x509.KeyUsagesExtension(
      options.ca ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign : x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
      true,
    ),
  );
  if (options.serverIp) extensions.push(new x509.SubjectAlternativeNameExtension([{ type: "ip", value: options.serverIp }]));
  const notBefore = new Date(Date.now() - 60_000);
  const notAfter = new Date(Date.now() + (options.days ?? 2) * 86_400_000);
  const serialNumber = Buffer.from(webcrypto.getRandomValues(new Uint8Array(12)))
    .toString("hex")
    .replace(/^./, "1");
  const made = options.issuer
    ? await x509.X509CertificateGenerator.create({
        serialNumber,
        subject,
        issuer: new x509.X509Certificate(options.issuer.cert).subject,
        notBefore,
        notAfter,
        signingAlgorithm: RSA,
        publicKey: keys.publicKey,
        signingKey: await webcrypto.subtle.importKey("pkcs8", Buffer.from(options.issuer.key.replace(/-----[^-]+-----|\s/g, ""), "base64"), RSA, false, [
          "sign",
        ]),
        extensions,
      })
    : await x509.X509CertificateGenerator.createSelfSigned({ serialNumber, name: subject, notBefore, notAfter, keys, signingAlgorithm: RSA, extensions });
  return { cert: made.toString("pem"), key: await pkcs8Pem(keys.privateKey) };
}

let sharedKeys: Promise<CryptoKeyPair> | null = null;

/** A CSR for `subject` (base64 of PEM) on one RSA key pair shared by the whole file: for tests that need many certificates, not many keys. */
export async function csrOnSharedKey(subject: string): Promise<string> {
  sharedKeys ??= webcrypto.subtle.generateKey(RSA, true, ["sign", "verify"]) as Promise<CryptoKeyPair>;
  const request = await x509.Pkcs10CertificateRequestGenerator.create({ name: subject, keys: await sharedKeys, signingAlgorithm: RSA });
  return Buffer.from(request.toString("pem")).toString("base64");
}
