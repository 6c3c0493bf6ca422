"use client";

import { CurlCommand, DownloadButton, OneTimeSecretDialog } from "@/components/ui/one-time-secret-dialog";

export interface IssuedCredentials {
  systemName: string;
  clientId: string;
  clientSecret: string;
  tokenUrl: string;
}

// Shell-quoting for the curl line: single quotes, with any single quote closed and escaped.
const quote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;

/** Everything a system's operator needs to start, in the forms they are likely to paste it. */
function credentialFiles(credentials: IssuedCredentials) {
  const graphqlUrl = new URL("/api/graphql", credentials.tokenUrl).toString();
  const env = [
    `# Compass Director client credentials for ${credentials.systemName}`,
    `COMPASS_CLIENT_ID=${credentials.clientId}`,
    `COMPASS_CLIENT_SECRET=${credentials.clientSecret}`,
    `COMPASS_TOKEN_URL=${credentials.tokenUrl}`,
    `COMPASS_GRAPHQL_URL=${graphqlUrl}`,
    "",
  ].join("\n");
  const json = `${JSON.stringify(
    { client_id: credentials.clientId, client_secret: credentials.clientSecret, token_url: credentials.tokenUrl, graphql_url: graphqlUrl },
    null,
    2,
  )}\n`;
  // client_secret_basic; the id (a UUID) and the secret (base64url) need no form-encoding.
  const curl = `curl -s -X POST ${quote(credentials.tokenUrl)} \\\n  -u ${quote(`${credentials.clientId}:${credentials.clientSecret}`)} \\\n  -d grant_type=client_credentials`;
  return { env, json, curl };
}

/** The one moment the secret exists outside the server: shown once, then dropped by `onClose`. */
export function CredentialsRevealDialog({ credentials, onClose }: { credentials: IssuedCredentials; onClose: () => void }) {
  const files = credentialFiles(credentials);
  const slug = credentials.systemName.replace(/[^\p{L}\p{Nd}_.-]+/gu, "-").toLowerCase();
  return (
    <OneTimeSecretDialog
      title="Client credentials generated"
      intro={`Give these to ${credentials.systemName}. It exchanges them for access tokens with the client_credentials grant.`}
      values={[
        { label: "Client ID", value: credentials.clientId },
        { label: "Client secret", value: credentials.clientSecret },
        { label: "Token URL", value: credentials.tokenUrl },
      ]}
      acknowledgement="I have copied the client secret and stored it somewhere safe"
      onClose={onClose}
    >
      <div className="downloads">
        <DownloadButton filename={`${slug}.env`} content={files.env} type="text/plain" label="Download .env" />
        <DownloadButton filename={`${slug}.json`} content={files.json} type="application/json" label="Download JSON" />
      </div>
      <CurlCommand title="Fetch a token with curl" command={files.curl} />
    </OneTimeSecretDialog>
  );
}
