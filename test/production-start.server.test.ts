/**
 * `npm start` (after `npm run build`): the bundled server and its Next.js
 * child run as plain JavaScript under node, with no TypeScript loader in
 * either process, and serve the fast path, the Next route handlers and the
 * console pages as the source does under tsx.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import { after, describe, test } from "node:test";
import { createPostgresDatabase } from "./postgres";
import { type RunningServer, randomSecretKey, startServer, tempSqliteUrl } from "./server-process";

const ADMIN = { email: "admin@example.com", password: "a long admin password" };

/** The command line of each live child of the process, from /proc. */
function childCommandLines(parent: number): string[][] {
  const result: string[][] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === parent) result.push(fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").filter(Boolean));
    } catch {
      // exited while being read
    }
  }
  return result;
}

const commandLine = (pid: number) => fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);

for (const provider of ["sqlite", "postgresql"] as const)
  describe(`the compiled server (npm start) on ${provider}`, async () => {
    const cleanups: (() => Promise<void> | void)[] = [];
    let server: RunningServer;
    after(async () => {
      await server?.stop();
      for (const cleanup of cleanups.reverse()) await cleanup();
    });
    let env: Record<string, string>;
    if (provider === "sqlite") {
      const database = tempSqliteUrl();
      cleanups.push(() => fs.rmSync(database.dir, { recursive: true, force: true }));
      env = { DATABASE_URL: database.url };
    } else {
      const database = await createPostgresDatabase("compass_start_test");
      cleanups.push(database.drop);
      env = { DATABASE_URL: database.url, SECRET_KEY: randomSecretKey() };
    }
    server = await startServer({ ...env, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }, { compiled: true });

    test("both processes run dist/ under plain node, the Next child with a heap limit", () => {
      const pid = server.process.pid!;
      assert.deepEqual(commandLine(pid), [process.execPath, "dist/server.js"]);
      const children = childCommandLines(pid);
      assert.equal(children.length, 1, `one child, got ${JSON.stringify(children)}`);
      const [child] = children;
      assert.equal(child.at(-1)?.endsWith("/dist/next-server.js"), true, child.join(" "));
      assert.ok(child.includes("--max-old-space-size=160"), child.join(" "));
      assert.equal(
        child.some((arg) => arg.includes("tsx")),
        false,
        child.join(" "),
      );
    });

    test("serves a Next route (login), a console page through the child and GraphQL on the fast path", async () => {
      const login = await fetch(`${server.url}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(ADMIN),
      });
      assert.equal(login.status, 204);
      const cookie = login.headers.get("set-cookie")!.split(";")[0];

      const page = await fetch(`${server.url}/integration-systems`, { headers: { cookie }, redirect: "manual" });
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<html/);

      const graphql = await fetch(`${server.url}/api/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie },
        body: JSON.stringify({ query: "{ viewer { kind role user { email } } }" }),
      });
      assert.equal(graphql.status, 200);
      assert.deepEqual(await graphql.json(), { data: { viewer: { kind: "USER", role: "ADMIN", user: { email: ADMIN.email } } } });
    });
  });
