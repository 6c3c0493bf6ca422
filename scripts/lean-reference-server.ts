/**
 * The lean reference of `npm run bench:api`: what this stack can do at best.
 * graphql-yoga on node:http with the product's schema (its typeDefs), and per
 * request only a SHA-256 of the bearer token, a prepared-statement lookup of
 * that hash (with its user), and prepared-statement lookups of the rows asked
 * for. better-sqlite3 on SQLite, `pg` named prepared statements on
 * PostgreSQL (env DATABASE_URL, PORT, HOST).
 *
 * It answers only the fields the benchmark asks for: integrationSystem(id),
 * integrationSystems(first, after) with data, pageInfo and totalCount,
 * application(id) with the `tenant` header, and the first page of
 * applications(first) with the `tenant` header as Compass's query-applications
 * selects it: the page's rows (every column, so Compass's fields answer from
 * their own), their labels in one read, and the count; the lists of domains
 * the bench does not seed (webhooks, bundles, operations, ...) answer empty
 * without a read. Not a way to run the product: no audit, no limits, no
 * masking. The database must already be migrated.
 */
import { createHash } from "node:crypto";
import http from "node:http";
import Database from "better-sqlite3";
import { GraphQLError } from "graphql";
import { createSchema, createYoga } from "graphql-yoga";
import pg from "pg";
import { typeDefs } from "@/graphql/typeDefs.generated";

interface Row {
  [column: string]: unknown;
}

/** The few statements the reference runs, on either database. */
interface Store {
  tokenUser(hash: string): Promise<Row | undefined>;
  system(id: string): Promise<Row | undefined>;
  systemsPage(limit: number): Promise<Row[]>;
  systemsPageAfter(createdAt: Date, id: string, limit: number): Promise<Row[]>;
  systemCount(): Promise<number>;
  tenant(idOrExternalId: string): Promise<Row | undefined>;
  application(id: string, tenantId: string): Promise<Row | undefined>;
  applicationsPage(tenantId: string, limit: number): Promise<Row[]>;
  /** The labels of the page's applications, each value parsed. */
  applicationsPageLabels(tenantId: string, limit: number): Promise<Row[]>;
  applicationCount(tenantId: string): Promise<number>;
}

const SQL = {
  tokenUser: `SELECT t."id" AS "tokenId", t."expiresAt", u."id", u."email", u."role" FROM "ApiToken" t JOIN "User" u ON u."id" = t."userId" WHERE t."tokenHash" = $1`,
  system: `SELECT "id", "name", "description", "createdAt" FROM "IntegrationSystem" WHERE "id" = $1`,
  systemsPage: `SELECT "id", "name", "description", "createdAt" FROM "IntegrationSystem" ORDER BY "createdAt", "id" LIMIT $1`,
  systemsPageAfter: `SELECT "id", "name", "description", "createdAt" FROM "IntegrationSystem" WHERE "createdAt" > $1 OR ("createdAt" = $1 AND "id" > $2) ORDER BY "createdAt", "id" LIMIT $3`,
  systemCount: `SELECT count(*) AS "count" FROM "IntegrationSystem"`,
  tenant: `SELECT "id" FROM "Tenant" WHERE "id" = $1 OR "externalIdKey" = $2 LIMIT 2`,
  application: `SELECT "id", "name", "description", "createdAt" FROM "Application" WHERE "id" = $1 AND "tenantId" = $2`,
  applicationsPage: `SELECT * FROM "Application" WHERE "tenantId" = $1 ORDER BY "createdAt", "id" LIMIT $2`,
  applicationsPageLabels: `SELECT "objectId", "key", "value" FROM "Label" WHERE "tenantId" = $1 AND "objectType" = 'APPLICATION' AND "objectId" IN
    (SELECT "id" FROM "Application" WHERE "tenantId" = $1 ORDER BY "createdAt", "id" LIMIT $2)`,
  applicationCount: `SELECT count(*) AS "count" FROM "Application" WHERE "tenantId" = $1`,
};

function sqliteStore(file: string): Store {
  const db = new Database(file, { readonly: true });
  // The texts above number their parameters ($1, $2, ...); here each becomes a plain ? bound in the order it appears.
  const statement = (sql: string) => {
    const order = [...sql.matchAll(/\$(\d+)/g)].map((match) => Number(match[1]) - 1);
    const prepared = db.prepare(sql.replace(/\$\d+/g, "?"));
    const bind = (values: unknown[]) => order.map((index) => values[index]);
    return { get: (...values: unknown[]) => prepared.get(...bind(values)), all: (...values: unknown[]) => prepared.all(...bind(values)) };
  };
  const s = Object.fromEntries(Object.entries(SQL).map(([name, sql]) => [name, statement(sql)])) as Record<keyof typeof SQL, ReturnType<typeof statement>>;
  // Stored as Prisma's adapter stores DateTime (bench-api.ts checks which): a probe row tells.
  const probe = db.prepare(`SELECT "createdAt" FROM "IntegrationSystem" LIMIT 1`).get() as { createdAt: unknown } | undefined;
  const storedTime = (date: Date): string | number =>
    typeof probe?.createdAt === "number" ? date.getTime() : date.toISOString().replace(/Z$/, String(probe?.createdAt ?? "").endsWith("Z") ? "Z" : "+00:00");
  return {
    tokenUser: async (hash) => s.tokenUser.get(hash) as Row | undefined,
    system: async (id) => s.system.get(id) as Row | undefined,
    systemsPage: async (limit) => s.systemsPage.all(limit) as Row[],
    systemsPageAfter: async (createdAt, id, limit) => s.systemsPageAfter.all(storedTime(createdAt), id, limit) as Row[],
    systemCount: async () => Number((s.systemCount.get() as { count: number }).count),
    tenant: async (key) => s.tenant.get(key, key.toLowerCase()) as Row | undefined,
    application: async (id, tenantId) => s.application.get(id, tenantId) as Row | undefined,
    applicationsPage: async (tenantId, limit) => s.applicationsPage.all(tenantId, limit) as Row[],
    // SQLite keeps a label's value as JSON text; pg hands jsonb over parsed (and a string value, "prod", is no JSON text).
    applicationsPageLabels: async (tenantId, limit) =>
      (s.applicationsPageLabels.all(tenantId, limit) as Row[]).map((label) => ({ ...label, value: JSON.parse(label.value as string) })),
    applicationCount: async (tenantId) => Number((s.applicationCount.get(tenantId) as { count: number }).count),
  };
}

function postgresStore(url: string): Store {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  // A name makes pg prepare the statement once per connection and re-use it.
  const run = async (name: keyof typeof SQL, values: unknown[]) => (await pool.query({ name, text: SQL[name], values })).rows as Row[];
  return {
    tokenUser: async (hash) => (await run("tokenUser", [hash]))[0],
    system: async (id) => (await run("system", [id]))[0],
    systemsPage: (limit) => run("systemsPage", [limit]),
    systemsPageAfter: (createdAt, id, limit) => run("systemsPageAfter", [createdAt, id, limit]),
    systemCount: async () => Number((await run("systemCount", []))[0].count),
    tenant: async (key) => (await run("tenant", [key, key.toLowerCase()]))[0],
    application: async (id, tenantId) => (await run("application", [id, tenantId]))[0],
    applicationsPage: (tenantId, limit) => run("applicationsPage", [tenantId, limit]),
    applicationsPageLabels: (tenantId, limit) => run("applicationsPageLabels", [tenantId, limit]),
    applicationCount: async (tenantId) => Number((await run("applicationCount", [tenantId]))[0].count),
  };
}

const databaseUrl = process.env.DATABASE_URL ?? "";
const store = /^postgres/i.test(databaseUrl) ? postgresStore(databaseUrl) : sqliteStore(databaseUrl.replace(/^file:/, ""));

const asDate = (value: unknown) => (value instanceof Date ? value : new Date(typeof value === "number" ? value : String(value)));
const cursorOf = (row: Row) =>
  Buffer.from(JSON.stringify(["integrationSystems:CREATED_AT:ASC", asDate(row.createdAt).getTime(), row.id])).toString("base64url");
const applicationCursorOf = (row: Row) => Buffer.from(JSON.stringify(["applications", asDate(row.createdAt).getTime(), row.id])).toString("base64url");

interface Context {
  request: Request;
}

const schema = createSchema<Context>({
  typeDefs,
  resolvers: {
    Query: {
      integrationSystem: (_parent: unknown, { id }: { id: string }) => store.system(id),
      integrationSystems: async (_parent: unknown, { first, after }: { first: number; after?: string | null }) => {
        let rows: Row[];
        if (after) {
          const [, time, id] = JSON.parse(Buffer.from(after, "base64url").toString("utf8")) as [string, number, string];
          rows = await store.systemsPageAfter(new Date(time), id, first + 1);
        } else {
          rows = await store.systemsPage(first + 1);
        }
        const data = rows.slice(0, first);
        const hasNextPage = rows.length > first;
        return { data, pageInfo: { hasNextPage, startCursor: after ?? "", endCursor: hasNextPage ? cursorOf(data.at(-1)!) : "" } };
      },
      application: async (_parent: unknown, { id }: { id: string }, { request }: Context) => store.application(id, (await tenantOf(request)).id as string),
      // The first page only: the bench asks for no other.
      applications: async (_parent: unknown, { first, after }: { first: number; after?: string | null }, { request }: Context) => {
        if (after) throw new GraphQLError("the lean reference answers the first page only", { extensions: { code: "BAD_USER_INPUT" } });
        const tenantId = (await tenantOf(request)).id as string;
        const [rows, labels] = await Promise.all([store.applicationsPage(tenantId, first + 1), store.applicationsPageLabels(tenantId, first + 1)]);
        const byObject = new Map<string, Record<string, unknown>>();
        for (const label of labels) {
          const objectLabels = byObject.get(label.objectId as string) ?? {};
          objectLabels[label.key as string] = label.value;
          byObject.set(label.objectId as string, objectLabels);
        }
        const data = rows.slice(0, first).map((row) => ({ ...row, labels: byObject.get(row.id as string) ?? {} }));
        return {
          data,
          pageInfo: { startCursor: "", endCursor: rows.length > first ? applicationCursorOf(data.at(-1)!) : "", hasNextPage: rows.length > first },
          totalCount: () => store.applicationCount(tenantId),
        };
      },
    },
    IntegrationSystemPage: { totalCount: () => store.systemCount() },
    // Compass's Application fields (issue 22) beside the row's own columns; lists of domains the bench seeds nothing of answer empty.
    Application: {
      status: (row: Row) => ({ condition: row.statusCondition ?? "INITIAL", timestamp: row.statusTimestamp ?? row.updatedAt ?? row.createdAt }),
      webhooks: () => [],
      operations: () => [],
      auths: () => [],
      bundles: () => EMPTY_PAGE,
      integrationDependencies: () => EMPTY_PAGE,
      eventingConfiguration: () => null,
    },
  },
  // The resolvers above name Compass's Application fields, which the schema may not have yet.
  resolverValidationOptions: { requireResolversToMatchSchema: "ignore" },
});

const EMPTY_PAGE = { data: [], pageInfo: { startCursor: "", endCursor: "", hasNextPage: false }, totalCount: 0 };

async function tenantOf(request: Request): Promise<Row> {
  const header = request.headers.get("tenant")?.trim();
  if (!header) throw new GraphQLError("tenant header required", { extensions: { code: "BAD_USER_INPUT" } });
  const tenant = await store.tenant(header);
  if (!tenant) throw new GraphQLError("unknown tenant", { extensions: { code: "NOT_FOUND" } });
  return tenant;
}

const unauthenticated = () =>
  new Response(JSON.stringify({ errors: [{ message: "unauthenticated", extensions: { code: "UNAUTHENTICATED" } }] }), {
    status: 401,
    headers: { "content-type": "application/json" },
  });

const yoga = createYoga<object, Context>({
  graphqlEndpoint: "/api/graphql",
  schema,
  landingPage: false,
  graphiql: false,
  plugins: [
    {
      // The per-request authentication: hash the bearer token, look the hash up.
      async onRequest({ request, endResponse }) {
        const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "");
        if (!match) return endResponse(unauthenticated());
        const row = await store.tokenUser(createHash("sha256").update(match[1]).digest("base64url"));
        const expiresAt = row?.expiresAt == null ? null : asDate(row.expiresAt).getTime();
        if (!row || (expiresAt !== null && expiresAt <= Date.now())) return endResponse(unauthenticated());
      },
    },
  ],
});

const server = http.createServer(yoga);
server.keepAliveTimeout = 65_000; // as in server/main.ts
server.listen(Number(process.env.PORT ?? 4001), process.env.HOST ?? "127.0.0.1", () => {
  process.stdout.write(`lean reference server is listening on port ${process.env.PORT}\n`);
});

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2_000).unref();
  });
}
