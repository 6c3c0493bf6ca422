/**
 * Issue 11, finding 6: look-alike names got around "unique ignoring case".
 * "Аdmin" (Cyrillic А) beside "Admin", and "Admin" followed by an invisible
 * U+034F or U+FE0F, were all accepted; an integration system could register
 * an application that looks exactly like another system's in the same tenant.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { integrationSystemPrincipal } from "@/domain/principals/principal";
import { registerApplication } from "@/domain/applications/application.service";
import { createIntegrationSystem } from "@/domain/integration-systems/integration-system.service";
import { createTenant } from "@/domain/tenants/tenant.service";
import { nameSkeleton, refreshNameSkeletons } from "@/lib/name-skeleton";
import { INVISIBLE_CHARACTER_MESSAGE, nameProblem, normalizeName } from "@/lib/names";
import { rejectsWithCode, setupTestApp } from "@/test/harness";

const app = await setupTestApp();
const admin = app.admin.principal;

const CREATE = `mutation($name: String!) { createIntegrationSystem(in: { name: $name }) { id name } }`;
const createSystem = (name: string) => app.graphql<{ createIntegrationSystem: { id: string; name: string } }>(CREATE, { name }, app.admin);

describe("the rules every name follows (lib/names.ts, shared with the console's forms)", () => {
  test("invisible and default-ignorable code points are refused, with one message", () => {
    const invisible = {
      "combining grapheme joiner U+034F": "Admin\u034F",
      "variation selector U+FE0F": "Admin\uFE0F",
      "variation selector U+E0100": "Admin\u{E0100}",
      "zero-width space U+200B": "Ad\u200Bmin",
      "zero-width joiner U+200D": "Ad\u200Dmin",
      "zero-width non-joiner U+200C": "Ad\u200Cmin",
      "right-to-left override U+202E": "Admin\u202Etxt",
      "right-to-left mark U+200F": "Admin\u200F",
      "Arabic letter mark U+061C": "Admin\u061C",
      "soft hyphen U+00AD": "Ad\u00ADmin",
      "word joiner U+2060": "Ad\u2060min",
      "Hangul filler U+3164 (a letter to the regex)": "Admin\u3164",
      "Hangul jungseong filler U+1160": "Admin\u1160",
      "Mongolian vowel separator U+180E": "Ad\u180Emin",
      "byte order mark U+FEFF inside": "Ad\uFEFFmin",
    };
    for (const [what, name] of Object.entries(invisible)) {
      assert.equal(nameProblem(normalizeName(name)), INVISIBLE_CHARACTER_MESSAGE, what);
    }
  });

  test("a word that mixes Latin with Cyrillic or Greek is refused", () => {
    for (const name of ["Аdmin", "Admin Systеm", "Pаypal-prod", "Ωmega", "Αpple", "Жzhuk"]) {
      assert.match(nameProblem(normalizeName(name)) ?? "", /must not mix .* letters, which look alike/, name);
    }
  });

  test("real names in one script per word, and several scripts across words, still pass", () => {
    for (const name of [
      "हिन्दी",
      "日本語 Connector",
      "int-system",
      "IntegrationSystemFromBigProvider",
      "Москва",
      "Ελληνικά",
      "Москва Connector",
      "Ελληνικά-2 export",
      "Zürich Ölwerk",
      "한국어 시스템",
      "العربية",
      "v2.0_final",
    ]) {
      assert.equal(nameProblem(normalizeName(name)), null, name);
    }
  });

  test("the skeleton makes look-alikes equal and keeps different names apart (UTS #39)", () => {
    const same = [
      ["Ace", "Асе"], // Latin, Cyrillic
      ["ACE", "АСЕ"],
      ["Admin", "ADMIN"],
      ["Office", "0ffice"],
      ["Modern", "Modem"], // "m" looks like "rn"
      ["Ämter", "A\u0308mter"],
    ];
    for (const [a, b] of same) assert.equal(nameSkeleton(a), nameSkeleton(b), `${a} / ${b}`);
    for (const [a, b] of [
      ["Admin", "Admins"],
      ["हिन्दी", "हिन्द"],
      ["日本語 Connector", "日本 Connector"],
    ]) {
      assert.notEqual(nameSkeleton(a), nameSkeleton(b), `${a} / ${b}`);
    }
  });
});

describe("integration systems", () => {
  test("the attack's names are refused: invisible suffixes are BAD_USER_INPUT, an all-Cyrillic twin is CONFLICT", async () => {
    assert.equal((await createSystem("Admin")).status, 200);
    for (const name of ["Admin\u034F", "Admin\uFE0F", "Аdmin"]) {
      const response = await createSystem(name);
      assert.equal(response.body.errors?.[0].extensions.code, "BAD_USER_INPUT", name);
      assert.equal(response.body.errors?.[0].extensions.field, "in.name");
    }
    const twin = await createSystem("Асе");
    assert.equal(twin.body.errors, undefined);
    const latin = await createSystem("ACE");
    assert.equal(latin.body.errors?.[0].extensions.code, "CONFLICT");
    assert.equal(latin.body.errors?.[0].extensions.field, "in.name");
    assert.match(latin.body.errors?.[0].message ?? "", /look-alike/);
  });

  test("renaming onto another system's look-alike is CONFLICT", async () => {
    await createSystem("Office");
    const other = await createSystem("Backoffice");
    await rejectsWithCode(
      (async () => {
        const { updateIntegrationSystem } = await import("@/domain/integration-systems/integration-system.service");
        return updateIntegrationSystem(app.db, admin, other.body.data!.createIntegrationSystem.id, { name: "0ffice" });
      })(),
      "CONFLICT",
      "in.name",
    );
  });

  test("a parallel burst of 40 look-alike names creates exactly one", async () => {
    const variants = ["Ѕсоре", "Scope", "SCOPE", "scope", "ЅСОРЕ", "Sсope", "ѕсоре", "Scopе"].filter((name) => nameProblem(name) === null);
    assert.ok(variants.length >= 5, "enough single-script variants");
    const burst = Array.from({ length: 40 }, (_, i) => createSystem(variants[i % variants.length]));
    const answers = await Promise.all(burst);
    const created = answers.filter((answer) => answer.body.data?.createIntegrationSystem);
    assert.equal(created.length, 1, JSON.stringify(answers.map((answer) => answer.body.errors?.[0]?.extensions.code ?? "created")));
    for (const answer of answers) {
      if (!answer.body.data?.createIntegrationSystem) assert.equal(answer.body.errors?.[0].extensions.code, "CONFLICT");
    }
  });
});

describe("applications", () => {
  test("a system cannot register a look-alike of another system's application in the same tenant, even in a burst", async () => {
    const tenant = await createTenant(app.db, admin, { externalId: "lookalike-tenant", name: "Tenant" });
    const system = await createIntegrationSystem(app.db, admin, { name: "Intruder" });
    const intruder = integrationSystemPrincipal(
      { integrationSystemId: system.id, integrationSystemName: system.name, clientId: "client-intruder" },
      { jti: "jti-intruder", scope: "application:read application:write" },
    );
    await registerApplication(app.db, admin, tenant, { name: "Payroll" });
    await rejectsWithCode(registerApplication(app.db, intruder, tenant, { name: "Раyroll" }), "BAD_USER_INPUT", "in.name");
    await rejectsWithCode(registerApplication(app.db, intruder, tenant, { name: "Payroll\u034F" }), "BAD_USER_INPUT", "in.name");
    await rejectsWithCode(registerApplication(app.db, intruder, tenant, { name: "PAYR0LL" }), "CONFLICT", "in.name");

    const names = ["Сосоа", "Cocoa", "COCOA", "СОСОА"];
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => registerApplication(app.db, intruder, tenant, { name: names[i % names.length] })),
    );
    const outcomes = results.map((result) =>
      result.status === "fulfilled" ? "created" : ((result.reason as { code?: string }).code ?? String(result.reason)),
    );
    assert.equal(results.filter((result) => result.status === "fulfilled").length, 1, JSON.stringify(outcomes));
    for (const result of results) {
      if (result.status === "rejected") assert.equal((result.reason as { code?: string }).code, "CONFLICT");
    }
  });
});

describe("rows stored before skeletons existed", () => {
  test("start-up replaces the migration's stand-in (the lower-cased name) with the skeleton, and names look-alikes it cannot fix", async () => {
    // What the migration leaves: nameSkeleton = nameKey.
    await app.db.integrationSystem.createMany({
      data: [
        { id: "legacy-1", name: "Legacy m", nameKey: "legacy m", nameSkeleton: "legacy m" },
        { id: "legacy-2", name: "Legacy rn", nameKey: "legacy rn", nameSkeleton: "legacy rn" },
        { id: "legacy-3", name: "Legacy Drum", nameKey: "legacy drum", nameSkeleton: "legacy drum" },
      ],
    });
    const result = await refreshNameSkeletons(app.db);
    assert.equal(result.lookAlikes, 1, "Legacy m and Legacy rn look alike; one keeps its stand-in");
    const drum = await app.db.integrationSystem.findUniqueOrThrow({ where: { id: "legacy-3" } });
    assert.equal(drum.nameSkeleton, nameSkeleton("Legacy Drum"));
    assert.notEqual(drum.nameSkeleton, "legacy drum");
    // The refreshed skeleton now refuses a look-alike the stand-in would have let in.
    const twin = await createSystem("Legacy Drurn");
    assert.equal(twin.body.errors?.[0].extensions.code, "CONFLICT");
    assert.deepEqual(await refreshNameSkeletons(app.db), { updated: 0, lookAlikes: 1 }, "a second run changes nothing");
  });
});
