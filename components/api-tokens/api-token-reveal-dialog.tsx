"use client";

import { CurlCommand, OneTimeSecretDialog } from "@/components/ui/one-time-secret-dialog";

// Shell-quoting for the curl line: single quotes, with any single quote closed and escaped.
const quote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;

const VIEWER_QUERY = JSON.stringify({ query: "{ viewer { user { email } role } }" });

/** A command that proves the token works: it asks the API who is calling. */
function apiTokenCurl(origin: string, token: string): string {
  return [
    `curl -s ${quote(`${origin}/api/graphql`)}`,
    `  -H ${quote(`Authorization: Bearer ${token}`)}`,
    `  -H 'Content-Type: application/json'`,
    `  -d ${quote(VIEWER_QUERY)}`,
  ].join(" \\\n");
}

/** The one moment the token exists outside the server: shown once, then dropped by `onClose`. */
export function ApiTokenRevealDialog({ created, onClose }: { created: { token: string; name: string }; onClose: () => void }) {
  // Rendered only after a mutation in the browser, so window is there.
  const curl = apiTokenCurl(window.location.origin, created.token);
  return (
    <OneTimeSecretDialog
      title="API token created"
      intro={`Use “${created.name}” as a bearer token: send it as Authorization: Bearer <token> to ${window.location.origin}/api/graphql. It acts as you.`}
      values={[{ label: "Token", value: created.token }]}
      acknowledgement="I have copied the token and stored it somewhere safe"
      afterwards="the server keeps only a hash of it, and the list shows the token by its name."
      onClose={onClose}
    >
      <CurlCommand title="Try it with curl" command={curl} />
    </OneTimeSecretDialog>
  );
}
