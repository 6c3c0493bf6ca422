"use client";

import { useQuery } from "@apollo/client/react";
import { SessionsTable } from "./sessions-table";
import { MySessionsDocument } from "./users.generated";

/** The signed-in user's own active sessions. */
export function MySessions() {
  const { data, loading, error, refetch } = useQuery(MySessionsDocument, { fetchPolicy: "network-only", notifyOnNetworkStatusChange: true });
  return (
    <SessionsTable
      caption="Your active sessions"
      sessions={data?.viewer.user?.sessions ?? []}
      loading={loading}
      error={error}
      onRetry={() => void refetch()}
      refetchQuery="MySessions"
      ownerLabel="your"
    />
  );
}
