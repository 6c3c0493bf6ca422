import { Prisma } from "@/generated/prisma-sqlite/client";
import type { Db, Tx } from "@/lib/db";
import { SCOPES, type Scope } from "@/lib/scopes";
import type { ValidNamedInput } from "@/domain/validation/validation";
import type { WebhookInput } from "@/domain/webhooks/webhook-rules";
import type { OutboundSettings } from "@/domain/catalog/spec-fetch";

/**
 * What one kind of tenant-scoped object says about itself; everything else
 * (tenant checks, "an integration system manages what it registered",
 * labels, credentials, audit, list, filter and page, the prepared hot reads)
 * is done once for every kind by tenant-object.service.ts. docs/architecture.md,
 * "Adding a tenant-scoped kind", is the recipe.
 */

/** The kinds: labels' objectType, credentials' owner kind and the principal kind of an object calling as itself. */
export type TenantObjectType =
  | "APPLICATION"
  | "RUNTIME"
  | "RUNTIME_CONTEXT"
  | "BUNDLE"
  | "API_DEFINITION"
  | "EVENT_DEFINITION"
  | "DOCUMENT"
  | "INTEGRATION_DEPENDENCY"
  | "BUNDLE_INSTANCE_AUTH";

/**
 * The columns every tenant-scoped kind's table has. A named kind (the default)
 * also has `name` and `description`, its name unique in the tenant; a nameless
 * one (runtime contexts) says what to call a row with `title`.
 */
export interface TenantObjectRow {
  id: string;
  tenantId: string;
  integrationSystemId: string | null;
  name?: string;
  description?: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What every kind's register and update input has. */
export interface TenantObjectInput {
  /** Replaces every label on update when given; omitted, they stay. */
  labels?: Record<string, unknown> | null;
  /** Webhooks to add with it, on register, for kinds that hold them (`webhooks: true`). */
  webhooks?: readonly WebhookInput[] | null;
}

/** An update's input: the register's, but a kind with its own `validateUpdate` may leave the name out (Compass's application). */
export type UpdateInputOf<Input extends TenantObjectInput> = Omit<Input, "name"> & { name?: string | null };

/** What a named kind's input has beside. */
export interface NamedObjectInput extends TenantObjectInput {
  name: string;
  description?: string | null;
}

/** The calls the core makes on a kind's Prisma model (its delegate, e.g. `db.application`). */
interface ModelDelegate<Row> {
  findFirst(args: { where: { id: string; tenantId: string } }): PromiseLike<Row | null>;
  findMany(args: {
    where: { id: { in: string[] } } | { tenantId: string } | { [parentColumn: string]: { in: string[] } };
    orderBy?: { createdAt?: "asc"; id?: "asc" }[];
  }): PromiseLike<Row[]>;
  create(args: { data: never }): PromiseLike<Row>;
  update(args: { where: { id: string }; data: never }): PromiseLike<Row>;
  delete(args: { where: { id: string } }): PromiseLike<Row>;
  deleteMany(args: { where: { tenantId: string } | { id: { in: string[] } } }): PromiseLike<unknown>;
  count(args: { where: { integrationSystemId: string } }): PromiseLike<number>;
}

/** The words messages and audit events use: "an application", "application", "applications". */
interface Nouns {
  a: string;
  one: string;
  many: string;
}

export interface TenantObjectKind<Row extends TenantObjectRow = TenantObjectRow, Input extends TenantObjectInput = TenantObjectInput, Valid = unknown> {
  type: TenantObjectType;
  /** The Prisma model's name: its table, and the audit events' objectType. */
  table: string;
  model(db: Db | Tx): ModelDelegate<Row>;
  /** `Prisma.<Model>ScalarFieldEnum`: the prepared reads select every column from it (lib/raw-select.ts). */
  scalarFields: Record<string, string>;
  /** Its DateTime columns, which the prepared reads turn into Dates as Prisma does. */
  dateColumns: readonly string[];
  nouns: Nouns;
  audit: { registered: string; updated: string; unregistered: string };
  /** Who may read it and who may write it (writers that are integration systems: only what they manage). */
  scopes: { read: Scope; write: Scope };
  /**
   * Who manages a new object: the integration system registering it, else
   * none ("registrar"), or, when a user registers it, any integration system
   * the input names ("registrar-or-named", input.integrationSystemID).
   */
  manager: "registrar" | "registrar-or-named";
  /**
   * A kind that lives under an object of another kind (runtime contexts under
   * a runtime): `column` holds the parent's id. The core then registers it under
   * a parent of the tenant, lets whoever may change the parent change it (the
   * parent's managing system, the parent calling as itself, users with the write
   * scope), copies the parent's manager in, lists it by parent, and deletes it
   * with its parent. Without one, an object stands on its own.
   */
  parent?: {
    type: TenantObjectType;
    column: string;
    /** How many may live under one parent: a bound on what the parent's own token may create. */
    max: number;
  };
  /**
   * An object of another kind under the same parent that may gather objects
   * of this one (API definitions in a bundle of their application): `column`
   * holds its id, or null for an object in none. The core registers an object
   * into a group the caller may change (its parent is the group's parent),
   * lists a group's objects, and deletes them with the group.
   */
  group?: { type: TenantObjectType; column: string };
  /**
   * Objects of other kinds given in the register input to create under the new
   * one in the same transaction (a bundle's API definitions): each list is
   * checked by its kind before anything is written, `field` naming where it is.
   */
  nested?(input: Input): readonly { type: TenantObjectType; inputs: readonly TenantObjectInput[] | null | undefined; field: string }[];
  /** What messages and audit call one object (default: its name). */
  title?(row: Row): string;
  /**
   * Labels every object of the kind carries unless its input sets them, on
   * register and on an update that gives labels (Compass's `isNormalized` on runtimes).
   */
  defaultLabels?: Readonly<Record<string, unknown>>;
  /** Checks the input (BAD_USER_INPUT naming `in.<field>`) before anything is read or written. */
  validate(input: Input): Valid & Partial<ValidNamedInput>;
  /**
   * The update's check, where the kind's update input differs (Compass's
   * application update has no name): what it answers is written, so an
   * omitted field keeps its column. Default: `validate`.
   */
  validateUpdate?(input: never): Valid & Partial<ValidNamedInput>;
  /** The columns a new object is stored with (default: the valid input). */
  createData?(valid: Valid & Partial<ValidNamedInput>, id: string): object;
  /** The columns an update writes (default: the valid input). */
  updateData?(valid: Valid & Partial<ValidNamedInput>, before: Row): object;
  /** A kind's own write when an object is created, in the same transaction (Compass's: an API definition gives its application a base URL). */
  afterInsert?(tx: Tx, row: Row): Promise<void>;
  /**
   * Work that must not run inside the write's transaction (fetching a spec
   * from its URL), run after a register or update commits, for each object
   * the write created or changed; answers the row as it now is.
   */
  afterCommit?(db: Db, row: Row, options: AfterCommitOptions): Promise<Row>;
  /** A kind's own clean-up when one is unregistered, in that transaction (a runtime releases its bundle instance auths). */
  onRemove?(tx: Tx, row: Row): Promise<void>;
  /** A kind's own reason to refuse unregistering (CONFLICT), checked in the unregister's transaction. */
  requireRemovable?(tx: Tx, row: Row): Promise<void>;
  /** Its own fields in audit events, beside name and description. */
  auditFields?(row: Row): Record<string, unknown>;
  /** Whether it may hold client credentials of its own (a column of SystemAuth names it). */
  credentials: boolean;
  /** Whether it holds webhooks (domain/webhooks): given on register in the same transaction, removed with it. */
  webhooks?: boolean;
}

/** What the request brings for work after the commit: the operator's outbound rules (none: nothing is fetched). */
export interface AfterCommitOptions {
  outbound?: OutboundSettings;
  /** Do the work again whatever was done before (refetchAPISpec). */
  force?: boolean;
}

/** Who may read and write applications and what lives under them (bundles, API and event definitions, documents...). */
export const APPLICATION_SCOPES = { read: SCOPES.applicationRead, write: SCOPES.applicationWrite } as const;
/** Who may read and write runtimes and their runtime contexts. */
export const RUNTIME_SCOPES = { read: SCOPES.runtimeRead, write: SCOPES.runtimeWrite } as const;

/** The parents a kind may live under, and the scopes of the tree each belongs to. */
const SCOPES_UNDER = { APPLICATION: APPLICATION_SCOPES, BUNDLE: APPLICATION_SCOPES, RUNTIME: RUNTIME_SCOPES } as const;

/** `RUNTIME_CONTEXT` → `runtimeContext`: how the parent's id column is named. */
const camelOfType = (type: string) =>
  type
    .toLowerCase()
    .split("_")
    .map((word, i) => (i === 0 ? word : word[0].toUpperCase() + word.slice(1)))
    .join("");

/**
 * A kind under another: `parent` with the parent's id in `<parent>Id`, read
 * and written with the scopes of the tree it belongs to (a bundle's documents
 * with the application's). `max` bounds how many one parent holds.
 */
export const childOf = (type: keyof typeof SCOPES_UNDER, max: number) => ({
  scopes: SCOPES_UNDER[type],
  parent: { type, column: `${camelOfType(type)}Id`, max },
});

type ScalarFieldsOf<Table extends Prisma.ModelName> = (typeof Prisma)[`${Table}ScalarFieldEnum`];

/** The Prisma model whose columns are exactly Row's: a descriptor naming another table fails to compile. */
type TableOf<Row> = {
  [Table in Prisma.ModelName]: [keyof Row] extends [keyof ScalarFieldsOf<Table>] ? ([keyof ScalarFieldsOf<Table>] extends [keyof Row] ? Table : never) : never;
}[Prisma.ModelName];

/** What a descriptor may leave out, each with the default `defineKind` gives it. */
type Defaulted = "model" | "scalarFields" | "dateColumns" | "nouns" | "audit" | "manager" | "credentials";

/** A kind as its descriptor file states it: what differs from the defaults below. */
export type KindDescriptor<Row extends TenantObjectRow, Input extends TenantObjectInput, Valid> = Omit<
  TenantObjectKind<Row, Input, Valid>,
  Defaulted | "table"
> &
  Partial<Pick<TenantObjectKind<Row, Input, Valid>, Defaulted>> & { table: TableOf<Row> };

/** `APIDefinition` → `API definition`, `IntegrationDependency` → `integration dependency`: a table's name in words. */
function nounsOf(table: string): Nouns {
  const words = table.match(/[A-Z]+(?![a-z])|[A-Z][a-z]*/g) ?? [table];
  const one = words.map((word) => (word.length > 1 && word === word.toUpperCase() ? word : word.toLowerCase())).join(" ");
  return {
    a: `${/^[aeiou]/i.test(one) ? "an" : "a"} ${one}`,
    one,
    many: /[^aeiou]y$/.test(one) ? `${one.slice(0, -1)}ies` : `${one}s`,
  };
}

/**
 * A kind, typed: the descriptor files use it so that a wrong table or field
 * fails to compile. What a descriptor leaves out follows from its table and
 * type: the Prisma delegate and columns of the table, the table's name in words
 * as its nouns, `<TYPE>_REGISTERED`, `_UPDATED` and `_UNREGISTERED` as its
 * audit actions, `createdAt` and `updatedAt` as its dates, managed by whoever
 * registers it ("registrar"), and no credentials of its own.
 */
export function defineKind<Row extends TenantObjectRow, Input extends TenantObjectInput, Valid>(
  descriptor: KindDescriptor<Row, Input, Valid>,
): TenantObjectKind<Row, Input, Valid> {
  const { table, type } = descriptor;
  const delegate = table[0].toLowerCase() + table.slice(1);
  return {
    model: (db) => (db as unknown as Record<string, ModelDelegate<Row>>)[delegate],
    scalarFields: Prisma[`${table}ScalarFieldEnum`],
    dateColumns: ["createdAt", "updatedAt"],
    nouns: nounsOf(table),
    audit: { registered: `${type}_REGISTERED`, updated: `${type}_UPDATED`, unregistered: `${type}_UNREGISTERED` },
    manager: "registrar",
    credentials: false,
    ...descriptor,
  };
}
