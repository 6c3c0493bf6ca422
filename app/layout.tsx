import type { Metadata } from "next";
import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { THEME_COOKIE, themeFromCookie } from "../components/console/theme";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Compass Director", template: "%s · Compass Director" },
  description: "Integration systems, their OAuth2 client credentials, and the GraphQL API they call.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // A theme the user chose wins over the system's (globals.css); none chosen follows the system.
  const theme = themeFromCookie((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang="en" data-theme={theme === "system" ? undefined : theme}>
      <body>{children}</body>
    </html>
  );
}
