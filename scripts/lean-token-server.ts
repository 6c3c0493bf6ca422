/**
 * The lean reference of `npm run bench:token` (scripts/bench-token.ts): the
 * least a token endpoint built from the product's own libraries can do per
 * token, so the report shows how far the product is from its floor, not
 * only from oidc-provider. Not a way to run the product: one client, no
 * database, no throttling, no audit, no key rotation.
 *
 * Per request, on node:http: the form body (URLSearchParams), the Basic
 * credentials, a SHA-256 of the secret compared in constant time with the
 * stored hash, the scopes checked against the client's, and an RFC 9068 JWT
 * (the product's claims) signed ES256 with node:crypto on libuv's thread
 * pool, answered as RFC 6749 §5.1 JSON.
 *
 * It publishes RFC 8414 metadata and a JWKS so the bench checks its tokens'
 * signatures as it checks the others'.
 *
 * Env: PORT (required), HOST (default 127.0.0.1), LEAN_CLIENT_ID and
 * LEAN_CLIENT_SECRET. Prints "ready <issuer>" once it listens.
 */
import { createHash, generateKeyPairSync, randomUUID, sign, timingSafeEqual } from "node:crypto";
import http from "node:http";

const PORT = Number(process.env.PORT);
const HOST = process.env.HOST ?? "127.0.0.1";
const CLIENT_ID = process.env.LEAN_CLIENT_ID ?? "lean-client";
const SECRET_HASH = createHash("sha256")
  .update(process.env.LEAN_CLIENT_SECRET ?? "lean-secret")
  .digest();
if (!Number.isInteger(PORT) || PORT <= 0) {
  process.stderr.write("lean-token-server: set PORT to the port to listen on\n");
  process.exit(2);
}

const SCOPES = ["integration_system:read", "application:read", "application:write", "tenant:read"];
const ISSUER = `http://${HOST}:${PORT}`;
const TTL_SECONDS = 3600;
const KID = "lean";
const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
const HEADER = Buffer.from(JSON.stringify({ alg: "ES256", typ: "at+jwt", kid: KID })).toString("base64url");
const JWKS = JSON.stringify({ keys: [{ ...publicKey.export({ format: "jwk" }), kid: KID, alg: "ES256", use: "sig" }] });
const METADATA = JSON.stringify({ issuer: ISSUER, token_endpoint: `${ISSUER}/token`, jwks_uri: `${ISSUER}/jwks` });

function answer(res: http.ServerResponse, status: number, body: string) {
  res.writeHead(status, [
    "content-type",
    "application/json",
    "content-length",
    String(Buffer.byteLength(body)),
    "cache-control",
    "no-store",
    "pragma",
    "no-cache",
  ]);
  res.end(body);
}

function authenticated(authorization: string | undefined): boolean {
  if (!authorization?.startsWith("Basic ")) return false;
  const decoded = Buffer.from(authorization.slice(6), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0 || decodeURIComponent(decoded.slice(0, colon)) !== CLIENT_ID) return false;
  const presented = createHash("sha256")
    .update(decodeURIComponent(decoded.slice(colon + 1)))
    .digest();
  return timingSafeEqual(presented, SECRET_HASH);
}

function issue(res: http.ServerResponse, form: URLSearchParams) {
  if (form.get("grant_type") !== "client_credentials") return answer(res, 400, '{"error":"unsupported_grant_type"}');
  const asked = form.get("scope")?.split(" ") ?? SCOPES;
  if (asked.some((scope) => !SCOPES.includes(scope))) return answer(res, 400, '{"error":"invalid_scope"}');
  const scope = asked.join(" ");
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    iss: ISSUER,
    sub: CLIENT_ID,
    aud: `${ISSUER}/api/graphql`,
    client_id: CLIENT_ID,
    scope,
    jti: randomUUID(),
    iat: now,
    exp: now + TTL_SECONDS,
  };
  const signingInput = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}`;
  sign("sha256", Buffer.from(signingInput), { key: privateKey, dsaEncoding: "ieee-p1363" }, (error, signature) => {
    if (error) return answer(res, 500, '{"error":"server_error"}');
    const token = `${signingInput}.${signature.toString("base64url")}`;
    answer(res, 200, JSON.stringify({ access_token: token, token_type: "Bearer", expires_in: TTL_SECONDS, scope }));
  });
}

http
  .createServer((req, res) => {
    if (req.method === "GET" && req.url === "/.well-known/oauth-authorization-server") return answer(res, 200, METADATA);
    if (req.method === "GET" && req.url === "/jwks") return answer(res, 200, JWKS);
    if (req.method !== "POST" || req.url !== "/token") return answer(res, 404, '{"error":"not_found"}');
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
    });
    req.on("end", () => {
      if (!authenticated(req.headers.authorization)) return answer(res, 401, '{"error":"invalid_client"}');
      issue(res, new URLSearchParams(body));
    });
  })
  .listen(PORT, HOST, () => process.stdout.write(`ready ${ISSUER}\n`));
