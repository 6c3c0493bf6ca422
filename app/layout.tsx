import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Compass Director", template: "%s · Compass Director" },
  description: "Integration systems, their OAuth2 client credentials, and the GraphQL API they call.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request, never at build time: Next can only put the
  // request's CSP nonce (proxy.ts) on the script tags of a page it renders then.
  await connection();
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
