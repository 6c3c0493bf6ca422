"use client";

import { useQuery } from "@apollo/client/react";
import { queryRows } from "@/components/ui/data-table";
import { SessionsTable } from "./sessions-table";
import { MySessionsDocument } from "./users.generated";

/** The signed-in user's own active sessions. */
export function MySessions() {
  const { data, loading, error, refetch } = useQuery(MySessionsDocument, { fetchPolicy: "network-only", notifyOnNetworkStatusChange: true });
  return (
    <SessionsTable
      caption="Your active sessions"
      rows={queryRows({ loading, error, refetch }, data?.viewer.user?.sessions)}
      refetchQuery="MySessions"
      ownerLabel="your"
    />
  );
}
