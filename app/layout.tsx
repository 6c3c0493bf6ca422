import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import type { ReactNode } from "react";
import { THEME_COOKIE, themeFromCookie } from "@/components/console/theme";
import { StyleNonce } from "@/components/style-nonce";
import { NONCE_HEADER } from "@/lib/security-headers";
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
  // A theme the user chose wins over the system's (globals.css); none chosen follows the system.
  const theme = themeFromCookie((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang="en" data-theme={theme === "system" ? undefined : theme}>
      <body>
        <StyleNonce nonce={nonce} />
        {children}
      </body>
    </html>
  );
}
