"use client";

import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from "@apollo/client";
import { ApolloProvider } from "@apollo/client/react";
import { createContext, type ReactNode, useContext, useState } from "react";
import { ToastProvider } from "@/components/ui/toast";
import { createConsoleLink } from "./console-link";
import { ConnectionNotice } from "./connection-notice";
import { SessionDialog } from "./session-dialog";
import { UnsavedWorkNotice } from "./unsaved-work-notice";

export type ConsoleRole = "ADMIN" | "VIEWER";

const RoleContext = createContext<ConsoleRole>("VIEWER");

/** Whether the signed-in user may change things; VIEWERs get the same pages without write controls. */
export function useCanWrite(): boolean {
  return useContext(RoleContext) === "ADMIN";
}

function createClient() {
  return new ApolloClient({
    link: ApolloLink.from([createConsoleLink(), new HttpLink({ uri: "/api/graphql", credentials: "same-origin" })]),
    cache: new InMemoryCache(),
    // Registers the client for the Apollo DevTools extension only in the test
    // build (`npm run build:test`): the end-to-end tests read the cache through
    // it to prove no secret stays there. A production build exposes no cache.
    // NEXT_PUBLIC_ variables are inlined when the bundle is built.
    devtools: { enabled: process.env.NEXT_PUBLIC_APOLLO_DEVTOOLS === "1" },
  });
}

/** Everything the console's client components share: GraphQL client, role and toasts. */
export function ConsoleProviders({
  role,
  email,
  idleTimeoutMinutes,
  header,
  children,
}: {
  role: ConsoleRole;
  /** The signed-in user's, offered again when the session has ended. */
  email: string;
  idleTimeoutMinutes: number;
  /** The page header (its global search uses the client); the page itself goes in <main>. */
  header?: ReactNode;
  children: ReactNode;
}) {
  const [client] = useState(createClient);
  return (
    <ApolloProvider client={client}>
      <RoleContext.Provider value={role}>
        <ToastProvider>
          {header}
          <main className="main" id="content">
            <UnsavedWorkNotice />
            <ConnectionNotice />
            <SessionDialog email={email} idleTimeoutMinutes={idleTimeoutMinutes} />
            {children}
          </main>
        </ToastProvider>
      </RoleContext.Provider>
    </ApolloProvider>
  );
}
