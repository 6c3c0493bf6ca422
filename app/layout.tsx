import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { StyleNonce } from "../components/style-nonce";
import { NONCE_HEADER } from "../lib/security-headers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Compass Director", template: "%s · Compass Director" },
  description: "Integration systems, their OAuth2 client credentials, and the GraphQL API they call.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Reading the request makes every page render per request, never at build
  // time: Next can only put the request's CSP nonce (proxy.ts) on the script
  // tags of a page it renders then.
  const nonce = (await headers()).get(NONCE_HEADER);
  return (
    <html lang="en">
      <body>
        <StyleNonce nonce={nonce} />
        {children}
      </body>
    </html>
  );
}
