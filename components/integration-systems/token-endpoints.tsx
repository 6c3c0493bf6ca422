"use client";

import { useQuery } from "@apollo/client/react";
import { CopyButton } from "@/components/ui/copy-button";
import { CredentialSettingsDocument } from "./generate-credentials.generated";

/** Where a system's clients get and check tokens: stays on the page after the one-time reveal has closed. */
export function TokenEndpoints() {
  const { data } = useQuery(CredentialSettingsDocument);
  const settings = data?.credentialSettings;
  if (!settings) return null;
  const rows = [
    { label: "Token URL", value: settings.tokenUrl },
    { label: "Issuer", value: settings.issuer },
    { label: "JWKS URL", value: settings.jwksUrl },
  ];
  return (
    <section className="card section" aria-labelledby="endpoints-heading">
      <h2 id="endpoints-heading">Where clients get tokens</h2>
      <p className="muted section-lead">
        POST the client id and secret to the token URL (<code>grant_type=client_credentials</code>). Verify access tokens against the issuer and its keys.
      </p>
      <dl className="details-grid">
        {rows.map((row) => (
          <div key={row.label} style={{ display: "contents" }}>
            <dt>{row.label}</dt>
            <dd>
              <code>{row.value}</code> <CopyButton value={row.value} label={`Copy ${row.label.toLowerCase()}`} />
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
