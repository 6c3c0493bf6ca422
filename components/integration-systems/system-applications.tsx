"use client";

import { useQuery } from "@apollo/client/react";
import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useMemo } from "react";
import { DataTable, queryRows } from "@/components/ui/data-table";
import { createdColumn } from "@/components/ui/data-table-columns";
import { ListPagination } from "@/components/ui/data-table-pagination";
import { useListUrlState } from "@/components/ui/use-list-url-state";
import { IntegrationSystemApplicationsDocument, type IntegrationSystemApplicationsQuery } from "./system-applications.generated";

type Application = NonNullable<IntegrationSystemApplicationsQuery["integrationSystem"]>["applications"]["data"][number];

const NO_SORT_FIELDS: readonly string[] = [];

/** The applications a system manages, across every tenant, with the tenant each lives in. */
export function SystemApplications({ systemId }: { systemId: string }) {
  const list = useListUrlState(NO_SORT_FIELDS, 10);
  const { data, previousData, loading, error, refetch } = useQuery(IntegrationSystemApplicationsDocument, {
    variables: { id: systemId, first: list.pageSize, after: list.after },
    notifyOnNetworkStatusChange: true,
  });
  const page = (data ?? previousData)?.integrationSystem?.applications;

  const columns = useMemo<ColumnDef<Application>[]>(
    () => [
      { id: "name", header: "Application", cell: ({ row }) => <span className="row-name">{row.original.name}</span> },
      {
        id: "tenant",
        header: "Tenant",
        cell: ({ row }) => (
          <Link href={`/tenants/${row.original.tenant.internalID}`}>
            {row.original.tenant.name} <span className="muted">({row.original.tenant.externalId})</span>
          </Link>
        ),
      },
      createdColumn<Application>("Registered"),
    ],
    [],
  );

  return (
    <>
      <DataTable
        caption="Applications it manages"
        columns={columns}
        {...queryRows({ loading, error, refetch }, page?.data)}
        empty={<p>It manages no applications yet. It registers them in a tenant with its own access token and the tenant header.</p>}
        getRowId={(row) => row.id}
      />
      <ListPagination list={list} page={page} idPrefix="system-applications" />
    </>
  );
}
