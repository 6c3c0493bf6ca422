import type { Metadata } from "next";
import { PageHeader } from "@/components/console/page-header";
import { ApiTokenList } from "@/components/api-tokens/api-token-list";

export const metadata: Metadata = { title: "API tokens" };

export default function ApiTokensPage() {
  return (
    <>
      <PageHeader
        title="API tokens"
        lead={
          <>
            Personal tokens for automation: a script sends one as <code>Authorization: Bearer &lt;token&gt;</code> to the GraphQL API and acts as you, within
            your role: with all of your rights, read-only, or with the scopes you choose. Each token is shown once, when it is created.
          </>
        }
      />
      <ApiTokenList />
    </>
  );
}
