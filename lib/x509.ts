import "reflect-metadata";
import { X509Certificate as NodeCertificate, randomBytes, webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";

/**
 * X.509 and PKCS #10 for the Connector, on @peculiar/x509 over Node's WebCrypto: node:crypto parses and
 * verifies certificates, but cannot make or sign them. Keys are RSA with SHA-256 PKCS #1 v1.5 signatures,
 * what Compass's Go clients and every TLS stack take.
 */
x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const RSA_SHA256 = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const;
const RSA_2048 = { ...RSA_SHA256, publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };

/** The key algorithm the Connector prescribes (Compass's `keyAlgorithm`). */
export const KEY_ALGORITHM = "rsa2048";
/** The RSA sizes a CSR may carry: at least the prescribed 2048 bits, at most what signing still takes in reasonable time. */
const RSA_BITS = { min: 2048, max: 4096 };

const DAY_MS = 24 * 3600 * 1000;

/** The six subject attributes a client certificate carries, in the order Compass's Connector writes them. */
export interface CertificateSubject {
  organization: string;
  organizationalUnit: string;
  locality: string;
  province: string;
  country: string;
  commonName: string;
}

const ATTRIBUTES: [keyof CertificateSubject, string][] = [
  ["organization", "O"],
  ["organizationalUnit", "OU"],
  ["locality", "L"],
  ["province", "ST"],
  ["country", "C"],
  ["commonName", "CN"],
];

/** Compass's subject text: `O=…,OU=…,L=…,ST=…,C=…,CN=…`. */
export function formatSubject(subject: CertificateSubject): string {
  return ATTRIBUTES.map(([field, key]) => `${key}=${subject[field]}`).join(",");
}

export class CertificateRequestError extends Error {}

/** A random positive serial of 128 bits, hex (RFC 5280: at most 20 octets, unpredictable). */
export function newSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] &= 0x7f;
  bytes[0] |= 0x10;
  return bytes.toString("hex");
}

async function newRsaKeys(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(RSA_2048, true, ["sign", "verify"])) as CryptoKeyPair;
}

async function importSigningKey(pkcs8: Buffer): Promise<CryptoKey> {
  return (await webcrypto.subtle.importKey("pkcs8", pkcs8, RSA_SHA256, false, ["sign"])) as CryptoKey;
}

/** A new self-signed CA: its certificate (PEM), private key (PKCS #8) and end. */
export async function createCertificateAuthority(commonName: string, validityDays: number, now = new Date()) {
  const keys = await newRsaKeys();
  const expiresAt = new Date(now.getTime() + validityDays * DAY_MS);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: newSerial(),
    name: new x509.Name([{ CN: [commonName] }]),
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: expiresAt,
    keys,
    signingAlgorithm: RSA_SHA256,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const privateKey = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", keys.privateKey));
  return { certificatePem: certificate.toString("pem"), privateKey, expiresAt };
}

/** A CA certificate and key brought by the operator (PEM), checked to be a CA whose key matches. */
export async function loadCertificateAuthority(certificatePem: string, privateKeyPem: string) {
  const certificate = new NodeCertificate(certificatePem);
  if (!certificate.ca) throw new Error("the certificate is not a CA certificate (basicConstraints CA:TRUE)");
  const body = privateKeyPem.replace(/-----(BEGIN|END) PRIVATE KEY-----/g, "").replace(/\s+/g, "");
  if (!privateKeyPem.includes("BEGIN PRIVATE KEY")) throw new Error("the key must be an unencrypted PKCS #8 PEM (BEGIN PRIVATE KEY)");
  const privateKey = Buffer.from(body, "base64");
  const probe = Buffer.from("compass-director ca check");
  const signature = await webcrypto.subtle.sign(RSA_SHA256, await importSigningKey(privateKey), probe);
  const publicKey = await new x509.X509Certificate(certificatePem).publicKey.export(RSA_SHA256, ["verify"]);
  if (!(await webcrypto.subtle.verify(RSA_SHA256, publicKey, signature, probe))) throw new Error("the key does not belong to the certificate");
  return { certificatePem: certificate.toString(), privateKey, expiresAt: new Date(certificate.validTo) };
}

/**
 * A CSR as the Connector receives it, base64 of its PEM (DER and bare PEM are taken too), parsed and
 * checked: its signature (the requester holds the key), an RSA key of 2048 to 4096 bits, and a subject
 * of exactly the six prescribed attributes, each equal to the prescribed value.
 */
export async function checkedCertificateRequest(encoded: string, expected: CertificateSubject) {
  if (encoded.length > 16_384) throw new CertificateRequestError("the CSR is larger than any 4096-bit RSA request");
  let request: x509.Pkcs10CertificateRequest;
  try {
    const text = encoded.includes("BEGIN CERTIFICATE REQUEST") ? encoded : Buffer.from(encoded, "base64").toString("latin1");
    request = text.includes("BEGIN CERTIFICATE REQUEST")
      ? new x509.Pkcs10CertificateRequest(text)
      : new x509.Pkcs10CertificateRequest(Buffer.from(encoded, "base64"));
  } catch {
    throw new CertificateRequestError("the CSR is not a PKCS #10 request in base64 of its PEM");
  }
  if (!(await request.verify())) throw new CertificateRequestError("the CSR's signature does not verify");
  const algorithm = request.publicKey.algorithm as { name: string; modulusLength?: number };
  if (algorithm.name !== "RSASSA-PKCS1-v1_5" && algorithm.name !== "RSA-PSS" && algorithm.name !== "RSA-OAEP") {
    throw new CertificateRequestError(`the CSR's key must be RSA (${KEY_ALGORITHM}), got ${algorithm.name}`);
  }
  const bits = algorithm.modulusLength ?? 0;
  if (bits < RSA_BITS.min || bits > RSA_BITS.max) {
    throw new CertificateRequestError(`the CSR's RSA key has ${bits} bits; ${RSA_BITS.min} to ${RSA_BITS.max} are taken (${KEY_ALGORITHM} prescribed)`);
  }
  const found = new Map<string, string[]>();
  for (const rdn of request.subjectName.toJSON()) {
    for (const [key, values] of Object.entries(rdn)) found.set(key, [...(found.get(key) ?? []), ...values]);
  }
  for (const [field, key] of ATTRIBUTES) {
    const values = found.get(key) ?? [];
    if (values.length !== 1 || values[0] !== expected[field]) {
      throw new CertificateRequestError(`the CSR's subject must be ${formatSubject(expected)}: its ${key} differs`);
    }
    found.delete(key);
  }
  if (found.size > 0) throw new CertificateRequestError(`the CSR's subject must be ${formatSubject(expected)}: it has ${[...found.keys()].join(", ")} too`);
  return request;
}

/** A client certificate for a checked request, signed by the CA; PEM. */
export async function signClientCertificate(
  request: x509.Pkcs10CertificateRequest,
  ca: { certificatePem: string; privateKey: Buffer },
  serial: string,
  notAfter: Date,
  now = new Date(),
): Promise<string> {
  const issuer = new x509.X509Certificate(ca.certificatePem);
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: serial,
    subject: request.subjectName,
    issuer: issuer.subjectName,
    notBefore: new Date(now.getTime() - 60_000),
    notAfter,
    signingAlgorithm: RSA_SHA256,
    publicKey: request.publicKey,
    signingKey: await importSigningKey(ca.privateKey),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth], false),
      await x509.AuthorityKeyIdentifierExtension.create(issuer, false),
    ],
  });
  return certificate.toString("pem");
}

/** The attributes of a subject as node:crypto prints them (one `KEY=value` a line; repeated keys listed in order). */
export function subjectAttributes(certificate: NodeCertificate): Map<string, string[]> {
  const attributes = new Map<string, string[]>();
  for (const line of certificate.subject.split("\n")) {
    const at = line.indexOf("=");
    if (at > 0) attributes.set(line.slice(0, at), [...(attributes.get(line.slice(0, at)) ?? []), line.slice(at + 1)]);
  }
  return attributes;
}

/** A subject as Compass writes it (`C=DE, L=…, O=…, OU=…, CN=…`), for looking up certificate subject mappings. */
export function subjectText(certificate: NodeCertificate): string {
  return [...subjectAttributes(certificate)].flatMap(([key, values]) => values.map((value) => `${key}=${value}`)).join(", ");
}

/** The serial of a certificate as the Connector records it: lower-case hex without leading zero octets. */
export function serialOf(certificate: NodeCertificate): string {
  return certificate.serialNumber.toLowerCase().replace(/^(00)+/, "");
}

export { NodeCertificate };
