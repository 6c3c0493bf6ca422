import type { IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";
import { NodeCertificate } from "./x509";

/** The header Envoy and Istio forward a client certificate in. */
const FORWARDED_CLIENT_CERT_HEADER = "x-forwarded-client-cert";

export type PresentedCertificate = { certificate: NodeCertificate; via: "TLS" | "PROXY" } | { refused: string } | null;

/**
 * The elements of an X-Forwarded-Client-Cert value: comma-separated (one per proxy hop), each
 * `Key=value` pairs separated by `;`, values optionally in double quotes (Envoy's format).
 */
function forwardedElements(value: string): Map<string, string>[] {
  const elements: Map<string, string>[] = [];
  let current = new Map<string, string>();
  let key = "";
  let text = "";
  let quoted = false;
  let inValue = false;
  const endPair = () => {
    if (key) current.set(key.trim().toLowerCase(), text);
    key = "";
    text = "";
    inValue = false;
  };
  for (const char of value) {
    if (quoted) {
      if (char === '"') quoted = false;
      else text += char;
    } else if (char === '"' && inValue) quoted = true;
    else if (char === "=" && !inValue) inValue = true;
    else if (char === ";") endPair();
    else if (char === ",") {
      endPair();
      elements.push(current);
      current = new Map();
    } else if (inValue) text += char;
    else key += char;
  }
  endPair();
  elements.push(current);
  return elements;
}

/**
 * The client certificate of a request: the TLS peer's, when the request came over this server's TLS
 * listener with one; else, only behind a trusted proxy (TRUST_PROXY), the `Cert` of the first element of
 * X-Forwarded-Client-Cert (Envoy's and Istio's form: `Hash=…;Cert="<URL-encoded PEM>";Subject="…";URI=…`,
 * with `forward_client_cert_details: SANITIZE_SET` and `cert: true`). The header without TRUST_PROXY, or
 * without a `Cert`, is refused: a client could send it itself, and a hash or subject alone proves nothing.
 */
export function presentedClientCertificate(req: IncomingMessage, trustProxy: boolean): PresentedCertificate {
  const socket = req.socket as Partial<TLSSocket>;
  const peer = socket.encrypted && typeof socket.getPeerX509Certificate === "function" ? socket.getPeerX509Certificate() : undefined;
  if (peer) return { certificate: peer, via: "TLS" };
  const forwarded = req.headers[FORWARDED_CLIENT_CERT_HEADER];
  if (forwarded === undefined) return null;
  if (!trustProxy) return { refused: "X-Forwarded-Client-Cert is honoured only behind a trusted proxy (TRUST_PROXY=true)" };
  const value = Array.isArray(forwarded) ? forwarded.join(",") : forwarded;
  if (value.length > 32_768) return { refused: "X-Forwarded-Client-Cert is too large" };
  const cert = forwardedElements(value)[0]?.get("cert");
  if (!cert) return { refused: "X-Forwarded-Client-Cert has no Cert= (the proxy must forward the certificate itself, not only its hash or subject)" };
  try {
    return { certificate: new NodeCertificate(decodeURIComponent(cert)), via: "PROXY" };
  } catch {
    return { refused: "X-Forwarded-Client-Cert's Cert is not a URL-encoded PEM certificate" };
  }
}
