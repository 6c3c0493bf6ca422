import type { TypedDocumentNode } from "@apollo/client";
import type { ColumnDef } from "@tanstack/react-table";
import type { ReactNode } from "react";
import type { LabelFilter, ObjectOrder } from "@/components/graphql-types.generated";
import type { Credential } from "@/components/integration-systems/credentials-table";
import type { TenantDialogProps } from "./tenant-context";

/** What the console says a kind is: the one word used in titles, buttons, dialogs and ids. */
export type ObjectKindName = "application" | "runtime" | "runtime context" | "bundle" | "API definition" | "event definition";

/** What a kind's request-credentials mutation answers: the credential, with its secret this once. */
export interface RequestedCredential {
  clientId?: string;
  clientSecret?: string | null;
  url?: string;
}

/** A row of a kind's list: what the shared columns and dialogs read. */
export interface ObjectRow {
  id: string;
  name: string;
  description?: string | null;
  /** Shown as chips in the list (components/tenant-objects/label-chips.tsx). */
  labels?: unknown;
}

/** What a kind's form dialog gets: register without `object`, edit with it; `onSaved` gets the object's id. */
export interface ObjectFormProps<Obj> {
  tenantId: string;
  object?: Obj;
  onClose: () => void;
  onSaved: (id: string) => void;
}

/** A kind's object on its page: what the shared header, labels and credentials read. */
export interface ObjectOnPage extends ObjectRow {
  auths?: Credential[] | null;
}

interface Page<Row> {
  data: Row[];
  pageInfo: { endCursor: string; hasNextPage: boolean };
  totalCount: number;
}

type ById = { id: string };

/** A one-time token as the console shows it, once. */
export interface PairingToken {
  token: string;
  connectorURL: string;
  expiresAt: string;
}

/** A kind's GraphQL documents (in `kinds/<kinds>.graphql`) and where its answers keep what the shared parts read. */
interface ConsoleKindData<Row extends ObjectRow, Obj extends ObjectOnPage, ListQuery, DetailQuery, RequestAnswer> {
  documents: {
    list: TypedDocumentNode<
      ListQuery,
      { first: number; after?: string | null; search?: string | null; filter?: LabelFilter[] | null; orderBy?: ObjectOrder | null }
    >;
    detail: TypedDocumentNode<DetailQuery, { id: string; tenantId: string }>;
    unregister: TypedDocumentNode<unknown, ById>;
    setLabel: TypedDocumentNode<unknown, { id: string; key: string; value: unknown }>;
    deleteLabel: TypedDocumentNode<unknown, { id: string; key: string }>;
    /** Run with "no-cache": the secret must never enter Apollo's cache. */
    requestCredentials: TypedDocumentNode<RequestAnswer, ById>;
    deleteCredential: TypedDocumentNode<unknown, ById>;
    /** `requestOneTimeTokenFor<Kind>` aliased `oneTimeToken`; run with "no-cache", as the credentials. */
    requestOneTimeToken: TypedDocumentNode<{ oneTimeToken: PairingToken }, ById>;
  };
  pageOf: (data: ListQuery) => Page<Row>;
  objectOf: (data: DetailQuery) => Obj | null | undefined;
  tenantOf: (data: DetailQuery) => { id: string; name: string } | null | undefined;
  credentialOf: (answer: RequestAnswer) => RequestedCredential | null | undefined;
}

/** How a kind looks: its nouns, its own columns and details, its form. */
interface ConsoleKindLooks<Row extends ObjectRow, Obj extends ObjectOnPage> {
  kind: ObjectKindName;
  /** The route segment under `/tenants/<id>/` and the prefix of the list's element ids. */
  plural: string;
  /** The tenant page's tab that lists this kind: the crumb and where an unregister goes back to. */
  listHref: (tenantId: string) => string;
  /** The table's columns between the description and the row actions. */
  columns: ColumnDef<Row>[];
  /** The list's empty state when nothing is searched or filtered. */
  emptyHint: ReactNode;
  /** What unregistering says, from the list and from the object's page. */
  unregisterFromList: string;
  unregisterFromPage: string;
  /** The `<dt>`/`<dd>` pairs of the page's details card. */
  details: (object: Obj) => ReactNode;
  formDialog: (props: ObjectFormProps<Row | Obj>) => ReactNode;
  /** Sections of the page below credentials: what lives under the object (`ObjectChildren`). */
  sections?: (object: Obj, tenantId: string) => ReactNode;
}

/**
 * A tenant-scoped kind in the console, the counterpart of the server's
 * `domain/tenant-objects/kinds/<kind>.ts`: what differs between kinds.
 * `ObjectTable` and `ObjectDetail` do the rest, the same for every kind.
 */
export type ConsoleKind<Row extends ObjectRow, Obj extends ObjectOnPage, ListQuery, DetailQuery, RequestAnswer> = ConsoleKindData<
  Row,
  Obj,
  ListQuery,
  DetailQuery,
  RequestAnswer
> &
  ConsoleKindLooks<Row, Obj>;

/**
 * Declares a kind in two steps, documents first, so that TypeScript takes its
 * row and object types from the documents' answers and the kind file names
 * no type by hand.
 */
export function defineConsoleKind<Row extends ObjectRow, Obj extends ObjectOnPage, ListQuery, DetailQuery, RequestAnswer>(
  data: ConsoleKindData<Row, Obj, ListQuery, DetailQuery, RequestAnswer>,
) {
  return (looks: ConsoleKindLooks<Row, Obj>): ConsoleKind<Row, Obj, ListQuery, DetailQuery, RequestAnswer> => ({ ...data, ...looks });
}

/**
 * A kind that lives under an object of another kind (runtime contexts under a
 * runtime), the counterpart of a server descriptor with a `parent`: nameless,
 * without a page of its own, shown as a section of its parent's page by
 * `ObjectChildren`.
 */
export interface ChildConsoleKind<Row extends { id: string }, ListQuery> {
  kind: ObjectKindName;
  /** The prefix of the section's element ids. */
  plural: string;
  /** The section's heading and the table's caption. */
  title: string;
  /** What the section holds, in a sentence under its heading, as the page's other sections have. */
  lead: ReactNode;
  documents: {
    list: TypedDocumentNode<ListQuery, { parentId: string; first: number; after?: string | null }>;
    unregister: TypedDocumentNode<unknown, ById>;
  };
  pageOf: (data: ListQuery) => Page<Row> | null | undefined;
  /** What the row actions and the remove dialog call one row. */
  nameOf: (row: Row) => string;
  columns: ColumnDef<Row>[];
  emptyHint: ReactNode;
  unregisterDescription: string;
  formDialog: (props: ChildFormProps<Row>) => ReactNode;
}

/** What a child kind's form dialog gets: add under `parentId` without `object`, edit with it. */
export interface ChildFormProps<Obj> extends TenantDialogProps {
  parentId: string;
  object?: Obj;
}

/** A child kind, typed from its list document's answer. */
export const defineChildConsoleKind = <Row extends { id: string }, ListQuery>(kind: ChildConsoleKind<Row, ListQuery>) => kind;
