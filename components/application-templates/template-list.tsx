"use client";

import { useQuery } from "@apollo/client/react";
import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useMemo } from "react";
import { WriteAction } from "@/components/console/write-action";
import { DataTable, queryRows } from "@/components/ui/data-table";
import { createdColumn } from "@/components/ui/data-table-columns";
import { ListPagination } from "@/components/ui/data-table-pagination";
import { DataTableToolbar } from "@/components/ui/data-table-toolbar";
import { useListUrlState } from "@/components/ui/use-list-url-state";
import { ApplicationTemplateListDocument, type ApplicationTemplateListQuery } from "./application-templates.generated";

type Row = ApplicationTemplateListQuery["applicationTemplates"]["data"][number];

const NO_SORT: readonly string[] = [];

/** Application templates, oldest first, a page at a time, with the search and page kept in the URL. */
export function TemplateList() {
  const list = useListUrlState(NO_SORT);
  const { data, previousData, loading, error, refetch } = useQuery(ApplicationTemplateListDocument, {
    variables: { first: list.pageSize, after: list.after, search: list.search || undefined },
    notifyOnNetworkStatusChange: true,
  });
  const page = (data ?? previousData)?.applicationTemplates;

  const columns = useMemo<ColumnDef<Row>[]>(
    () => [
      {
        id: "name",
        header: "Name",
        enableSorting: false,
        cell: ({ row }) => (
          <Link className="row-title" href={`/application-templates/${row.original.id}`}>
            {row.original.name}
          </Link>
        ),
      },
      {
        id: "placeholders",
        header: "Placeholders",
        enableSorting: false,
        meta: { hideOnMobile: true },
        cell: ({ row }) => (row.original.placeholders.length ? row.original.placeholders.map((p) => p.name).join(", ") : <span className="muted">None</span>),
      },
      {
        id: "applications",
        header: "Applications",
        enableSorting: false,
        cell: ({ row }) => row.original.applicationsCount,
      },
      { ...createdColumn<Row>(), enableSorting: false, meta: { hideOnMobile: true } },
    ],
    [],
  );

  return (
    <>
      <DataTableToolbar search={list.search} onSearchChange={list.setSearch} searchLabel="Search templates by name" idPrefix="templates">
        <WriteAction label="Create template" href="/application-templates/new" />
      </DataTableToolbar>
      <DataTable
        caption="Application templates"
        columns={columns}
        {...queryRows({ loading, error, refetch }, page?.data)}
        empty={
          list.search ? (
            <p>No template matches “{list.search}”.</p>
          ) : (
            <p>
              <strong>No application templates yet.</strong> Integration systems publish them; tenants register applications from them.
            </p>
          )
        }
        getRowId={(row) => row.id}
      />
      <ListPagination list={list} page={page} idPrefix="templates" />
    </>
  );
}
