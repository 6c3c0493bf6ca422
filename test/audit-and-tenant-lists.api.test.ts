import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { csvCell } from "@/domain/audit/audit.service";
import { onlyError, setupTestApp } from "./harness";

/** Issue 16: the audit log's filters and CSV export, tenants' search and sort. */
const app = await setupTestApp();

/**
 * The fields a spreadsheet reads from CSV text when it splits on `separator`
 * (RFC 4180 quoting, as Excel and LibreOffice read it): what a formula check
 * has to look at.
 */
function readCsv(text: string, separator: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
    } else if (char === separator || char === "\n" || (char === "\r" && text[i + 1] === "\n")) {
      if (char === "\r") i++;
      fields.push(field);
      field = "";
      fieldStart = true;
    } else {
      field += char;
      fieldStart = false;
    }
  }
  if (field) fields.push(field);
  return fields;
}

const TENANTS = `query($first: Int, $after: PageCursor, $search: String, $orderBy: TenantOrder) {
  tenants(first: $first, after: $after, search: $search, orderBy: $orderBy) { data { externalId name } pageInfo { endCursor hasNextPage } totalCount } }`;
const EVENTS = `query($first: Int, $after: PageCursor, $filter: AuditEventFilter) {
  auditEvents(first: $first, after: $after, filter: $filter) { data { action objectLabel actor { label } } pageInfo { endCursor hasNextPage } totalCount } }`;
const CSV = `query($filter: AuditEventFilter) { auditEventsCsv(filter: $filter) { csv rowCount truncated } }`;

describe("tenants: search and sort", () => {
  before(async () => {
    for (const [externalId, name] of [
      ["acme-eu", "Zeta Corp"],
      ["globex", "Acme Holding"],
      ["initech", "Initech"],
      ["t_100", "Umbrella"],
    ]) {
      await app.ok(`mutation($in: TenantInput!) { createTenant(in: $in) { id } }`, { in: { externalId, name } });
    }
  });

  test("search matches names and external ids ignoring case, literally", async () => {
    const acme = (await app.ok(TENANTS, { search: "ACME" })).tenants;
    assert.deepEqual(
      acme.data.map((row: { externalId: string }) => row.externalId),
      ["acme-eu", "globex"],
    );
    assert.equal(acme.totalCount, 2);
    assert.deepEqual(
      (await app.ok(TENANTS, { search: "t_1" })).tenants.data.map((row: { name: string }) => row.name),
      ["Umbrella"],
      "_ is literal",
    );
    assert.equal((await app.ok(TENANTS, { search: "t%" })).tenants.totalCount, 0, "% is literal");
  });

  test("sort by name and external id, both directions, paging with cursors", async () => {
    const names: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = (await app.ok(TENANTS, { first: 1, after, orderBy: { field: "NAME", direction: "DESC" } })).tenants;
      names.push(...page.data.map((row: { name: string }) => row.name));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : undefined;
    } while (after && ++pages < 100);
    assert.ok(pages < 100, "the walk ends");
    assert.deepEqual(names, ["Zeta Corp", "Umbrella", "Initech", "Acme Holding"]);
    const byId = (await app.ok(TENANTS, { first: 2, orderBy: { field: "EXTERNAL_ID" } })).tenants;
    assert.deepEqual(
      byId.data.map((row: { externalId: string }) => row.externalId),
      ["acme-eu", "globex"],
    );
    const next = (await app.ok(TENANTS, { first: 2, after: byId.pageInfo.endCursor, orderBy: { field: "EXTERNAL_ID" } })).tenants;
    assert.deepEqual(
      next.data.map((row: { externalId: string }) => row.externalId),
      ["initech", "t_100"],
    );
  });

  test("a cursor of one ordering is refused by another", async () => {
    const page = (await app.ok(TENANTS, { first: 1, orderBy: { field: "NAME" } })).tenants;
    const error = onlyError(await app.graphql(TENANTS, { first: 1, after: page.pageInfo.endCursor }, app.admin));
    assert.equal(error.extensions.code, "BAD_USER_INPUT");
    assert.equal(error.extensions.field, "after");
  });
});

describe("audit log: filters and CSV", () => {
  let systemId = "";
  let start = "";

  before(async () => {
    start = new Date(Date.now() - 1000).toISOString();
    systemId = (await app.ok(`mutation { createIntegrationSystem(in: { name: "Audited_System" }) { id } }`)).createIntegrationSystem.id;
    await app.ok(`mutation($id: ID!) { updateIntegrationSystem(id: $id, in: { name: "Audited_System", description: "=HYPERLINK(\\"x\\")" }) { id } }`, {
      id: systemId,
    });
    await app.ok(`mutation { createIntegrationSystem(in: { name: "Other System" }) { id } }`, {}, app.viewer).catch(() => undefined);
  });

  test("by object name (ignoring case, literally) or id, by action, by actor", async () => {
    const byName = (await app.ok(EVENTS, { filter: { object: "audited_SYSTEM" } })).auditEvents;
    assert.deepEqual(
      byName.data.map((event: { action: string }) => event.action),
      ["INTEGRATION_SYSTEM_UPDATED", "INTEGRATION_SYSTEM_CREATED"],
    );
    assert.equal(byName.totalCount, 2);
    assert.equal((await app.ok(EVENTS, { filter: { object: "audited%system" } })).auditEvents.totalCount, 0, "% is literal");
    assert.equal((await app.ok(EVENTS, { filter: { object: systemId } })).auditEvents.totalCount, 2);
    const updates = (await app.ok(EVENTS, { filter: { object: systemId, action: "INTEGRATION_SYSTEM_UPDATED" } })).auditEvents;
    assert.equal(updates.totalCount, 1);
    const email = app.admin.user.email;
    assert.ok((await app.ok(EVENTS, { filter: { actor: email.toUpperCase(), object: systemId } })).auditEvents.totalCount === 2);
    assert.equal((await app.ok(EVENTS, { filter: { actor: "nobody@example.test", object: systemId } })).auditEvents.totalCount, 0);
  });

  test("by time range, and a range that ends before it starts is BAD_USER_INPUT on filter.to", async () => {
    const inRange = (await app.ok(EVENTS, { filter: { object: systemId, from: start } })).auditEvents;
    assert.equal(inRange.totalCount, 2);
    assert.equal((await app.ok(EVENTS, { filter: { object: systemId, to: start } })).auditEvents.totalCount, 0);
    const error = onlyError(await app.graphql(EVENTS, { filter: { from: start, to: start } }, app.admin));
    assert.equal(error.extensions.code, "BAD_USER_INPUT");
    assert.equal(error.extensions.field, "filter.to");
  });

  test("filtered pages continue with their cursor", async () => {
    const first = (await app.ok(EVENTS, { first: 1, filter: { object: systemId } })).auditEvents;
    assert.equal(first.pageInfo.hasNextPage, true);
    const second = (await app.ok(EVENTS, { first: 1, after: first.pageInfo.endCursor, filter: { object: systemId } })).auditEvents;
    assert.deepEqual(
      second.data.map((event: { action: string }) => event.action),
      ["INTEGRATION_SYSTEM_CREATED"],
    );
    assert.equal(second.pageInfo.hasNextPage, false);
  });

  test("the CSV holds the filtered events, escaped, with formulas defused; admins only", async () => {
    const { auditEventsCsv } = await app.ok(CSV, { filter: { object: systemId } });
    assert.equal(auditEventsCsv.rowCount, 2);
    assert.equal(auditEventsCsv.truncated, false);
    const lines = auditEventsCsv.csv.split("\r\n");
    assert.equal(lines[0], '"time","actorType","actor","actorId","authMethod","action","objectType","objectId","object","details"');
    assert.equal(lines.length, 4, "header, two events, and the final line end");
    assert.match(lines[1], /,"INTEGRATION_SYSTEM_UPDATED","IntegrationSystem",/);
    // The details JSON holds quotes and commas: quoted, quotes doubled.
    assert.match(lines[1], /,"\{""before"":\{""name"":""Audited_System"",""description"":null\}/);
    assert.equal(onlyError(await app.graphql(CSV, {}, app.viewer)).extensions.code, "FORBIDDEN");
  });

  test("csvCell quotes every cell and defuses formulas", () => {
    assert.equal(csvCell("plain"), '"plain"');
    assert.equal(csvCell(null), '""');
    assert.equal(csvCell('say "hi", then go'), '"say ""hi"", then go"');
    assert.equal(csvCell("two\nlines"), '"two\nlines"');
    for (const formula of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\r=1+2", "\rx"]) assert.equal(csvCell(formula), `"'${formula}"`);
    assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    // Where a ";" or tab reader starts a field inside the value.
    assert.equal(csvCell("x;=1+2;y"), `"x;'=1+2;y"`);
    assert.equal(csvCell('a;"@b\t-c'), `"a;""'@b\t'-c"`);
  });

  test("no field of the export starts a formula, whether a spreadsheet splits it on commas or on semicolons", async () => {
    // The attack's email, and values that lead with each formula character after a ";".
    const hostile = ["x;=1+2;y@example.com", "a;+1;-2@example.com", 'b;"=2@example.com'];
    for (const email of hostile) await app.ok(`mutation($in: InviteUserInput!) { inviteUser(in: $in) { user { id } } }`, { in: { email, role: "VIEWER" } });
    const { auditEventsCsv } = await app.ok(CSV, { filter: { action: "USER_CREATED" } });
    assert.ok(auditEventsCsv.rowCount >= hostile.length);
    // A comma reader gets each email whole, with an apostrophe wherever another reader could start a field.
    const commaFields = readCsv(auditEventsCsv.csv, ",");
    for (const defused of ["x;'=1+2;y@example.com", "a;'+1;'-2@example.com", `b;"'=2@example.com`]) assert.ok(commaFields.includes(defused), defused);
    for (const separator of [",", ";", "\t"]) {
      const fields = readCsv(auditEventsCsv.csv, separator);
      for (const field of fields) assert.doesNotMatch(field, /^[=+\-@\t\r]/, `${JSON.stringify(separator)} reader: ${JSON.stringify(field.slice(0, 40))}`);
    }
  });
});
