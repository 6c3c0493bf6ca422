import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { CopyButton } from "@/components/ui/copy-button";
import { publicOrigin } from "@/lib/http";
import { type CompassDomain, NOT_YET, SPOKEN } from "./compass-domains";

export const metadata: Metadata = { title: "API docs" };

/**
 * The examples name absolute URLs: curl given a bare path exits 3 ("URL
 * malformed"), and with -s prints nothing. The origin is PUBLIC_URL, else the
 * one this page was asked at, the same rule the token endpoints and issuer follow.
 */
const tokenExample = (origin: string) => `curl -s -u "$COMPASS_CLIENT_ID:$COMPASS_CLIENT_SECRET" \\
  -d grant_type=client_credentials ${origin}/oauth2/token`;

const queryExample = (origin: string) => `curl -s ${origin}/api/graphql \\
  -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \\
  -d '{"query":"{ viewer { kind scopes } }"}'`;

function Domains({ domains }: { domains: readonly CompassDomain[] }) {
  return (
    <ul>
      {domains.map((domain) => (
        <li key={domain.name}>
          {domain.name}
          {domain.note ? ` (${domain.note})` : ""}
        </li>
      ))}
    </ul>
  );
}

function Example({ command, label }: { command: string; label: string }) {
  return (
    <div className="code-example">
      <pre className="code-block">{command}</pre>
      <CopyButton value={command} label={label} />
    </div>
  );
}

/** How to call the product's APIs, in one page the console links to; the schema itself is browsed in GraphiQL. */
export default async function ApiDocsPage() {
  const origin = publicOrigin({ url: "http://localhost/", headers: await headers() });
  return (
    <>
      <div className="page-header">
        <div>
          <h1>API docs</h1>
          <p className="lead">
            Everything the console does goes through one GraphQL API. Explore its schema and run queries in <a href="/api/graphql">GraphiQL</a> (its Docs panel
            lists every type and field).
          </p>
        </div>
      </div>
      <section className="card" aria-labelledby="endpoints-heading">
        <h2 id="endpoints-heading">Endpoints</h2>
        <dl className="details-grid">
          <dt>GraphQL</dt>
          <dd>
            <code>POST {origin}/api/graphql</code> with a JSON body <code>{"{ query, variables }"}</code>
          </dd>
          <dt>OAuth2 token</dt>
          <dd>
            <code>POST {origin}/oauth2/token</code>, <code>grant_type=client_credentials</code> (client_secret_basic or client_secret_post)
          </dd>
          <dt>Token revocation and introspection</dt>
          <dd>
            <code>POST {origin}/oauth2/revoke</code>, <code>POST {origin}/oauth2/introspect</code>
          </dd>
          <dt>Discovery</dt>
          <dd>
            <a href="/.well-known/oauth-authorization-server">{origin}/.well-known/oauth-authorization-server</a>
          </dd>
          <dt>Signing keys (JWKS)</dt>
          <dd>
            <a href="/.well-known/jwks.json">{origin}/.well-known/jwks.json</a>
          </dd>
        </dl>
      </section>
      <section className="section" aria-labelledby="auth-heading">
        <h2 id="auth-heading">Authenticating</h2>
        <p>
          <strong>Integration systems</strong> get an access token with the client credentials generated on their page, then send it as{" "}
          <code>Authorization: Bearer</code>:
        </p>
        <Example command={tokenExample(origin)} label="Copy the token command" />
        <p>
          <strong>Admin automation</strong> sends a personal <Link href="/api-tokens">API token</Link> the same way; it acts as its user, with that user&apos;s
          role.
        </p>
        <p>
          A token can be <strong>scoped</strong>: <code>createApiToken(name: …, readOnly: true)</code> reads only, and{" "}
          <code>createApiToken(name: …, scopes: [&quot;application:read&quot;, &quot;application:write&quot;])</code> holds only those scopes (a subset of
          yours, see{" "}
          <code>
            viewer {"{"} scopes {"}"}
          </code>
          ). On each call it holds its scopes within its user&apos;s role of the moment. A scoped token cannot change its user&apos;s account or tokens, nor do
          what needs the Admin role (users, tenants, secrets, the audit log); a read-only one changes nothing. Viewers create read-only tokens.
        </p>
        <Example command={queryExample(origin)} label="Copy the query command" />
        <p>
          An API token stops working at once when it is revoked (by its user, or by an admin on the user&apos;s page), when its user is deleted, when the
          user&apos;s password is reset with a link (account recovery revokes every token), and when the user changes their password, unless they untick
          &quot;Also revoke my API tokens&quot; (<code>changePassword(…, revokeApiTokens: false)</code>; a change made with a token keeps that one). A role
          change applies to the user&apos;s tokens from the next request on. Each of these is recorded in the audit log.
        </p>
        <p>
          Applications live in tenants: their queries and mutations name the tenant in the <code>tenant</code> request header (its external id or id).
        </p>
      </section>
      <section className="section" aria-labelledby="compass-heading">
        <h2 id="compass-heading">Compass compatibility</h2>
        <p>
          The API speaks Kyma Compass director&apos;s GraphQL for these domains: Compass&apos;s documents for them run unchanged (names, <code>result:</code>{" "}
          aliases, an empty argument list such as <code>labelDefinitions()</code>, and Compass&apos;s paging, where <code>pageInfo.startCursor</code> is the{" "}
          <code>after</code> given and the last page&apos;s <code>endCursor</code> is empty).
        </p>
        <Domains domains={SPOKEN} />
        {NOT_YET.length > 0 && (
          <>
            <p>Not yet spoken: their operations and types are not in the schema, so a document that uses them fails validation.</p>
            <Domains domains={NOT_YET} />
          </>
        )}
      </section>
      <section className="section" aria-labelledby="webhooks-heading">
        <h2 id="webhooks-heading">Webhooks</h2>
        <p>
          Applications and runtimes hold Compass&apos;s webhooks: <code>addWebhook(applicationID: … | runtimeID: …, in: …)</code>, <code>updateWebhook</code>,{" "}
          <code>deleteWebhook</code>, the <code>webhooks</code> field of each, and <code>webhooks</code> in their register inputs. They are stored and checked
          only: <strong>calling webhooks is a later step</strong>, and nothing calls them yet. A webhook&apos;s <code>auth</code> is encrypted at rest and
          answered only to callers holding <code>webhooks.auth:read</code> (admins). A URL whose host is or resolves to a private, loopback, link-local or
          cloud-metadata address is refused unless the operator allows it with <code>WEBHOOK_ALLOWED_HOSTS</code>. Application and formation template owners
          arrive with templates, in a later release.
        </p>
      </section>
      <section className="section" aria-labelledby="offers-heading">
        <h2 id="offers-heading">What an application offers</h2>
        <p>
          An application offers Compass&apos;s bundles (<code>addBundle(applicationID: …, in: …)</code>, <code>updateBundle</code>, <code>deleteBundle</code>,
          or <code>bundles</code> in <code>registerApplication</code>), each with API definitions (<code>addAPIDefinitionToBundle</code>), event definitions and
          documents; API and event definitions may also stand on their own (<code>addAPIDefinitionToApplication</code>, <code>apisForApplication</code>,{" "}
          <code>eventsForApplication</code>). A spec is stored as given (at most 2 MiB) or fetched from its <code>fetchRequest.url</code> after the write: https
          only unless the operator allows http (<code>SPEC_FETCH_ALLOW_HTTP</code>), never a private, loopback or link-local address unless{" "}
          <code>WEBHOOK_ALLOWED_HOSTS</code> allows it; a failed fetch is recorded on <code>fetchRequest.status</code>, never an error, and{" "}
          <code>refetchAPISpec</code> fetches again. Nested pages answer at most 10 rows each; page on with <code>after</code>.
        </p>
        <p>
          A runtime asks for credentials to call a bundle&apos;s APIs with <code>requestBundleInstanceAuthCreation</code> (its input parameters checked against
          the bundle&apos;s <code>instanceAuthRequestInputSchema</code>); the application or its integration system answers with{" "}
          <code>setBundleInstanceAuth</code> (or the bundle&apos;s <code>defaultInstanceAuth</code> applies at once); the runtime reads them in{" "}
          <code>Bundle.instanceAuths</code>, where each runtime sees only its own; <code>requestBundleInstanceAuthDeletion</code> and{" "}
          <code>deleteBundleInstanceAuth</code> end them. Credentials are encrypted at rest and shown only to their runtime and to admins.
        </p>
      </section>
      <section className="section" aria-labelledby="errors-heading">
        <h2 id="errors-heading">Errors</h2>
        <p>
          Every error carries <code>extensions.code</code> (<code>UNAUTHENTICATED</code>, <code>FORBIDDEN</code>, <code>NOT_FOUND</code>, <code>CONFLICT</code>,{" "}
          <code>BAD_USER_INPUT</code> with <code>extensions.field</code>, <code>SERVICE_UNAVAILABLE</code>, …). A 503 comes with <code>Retry-After</code>: call
          again after that many seconds.
        </p>
      </section>
    </>
  );
}
