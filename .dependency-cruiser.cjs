/**
 * The layering rules (docs/architecture.md), checked by `npm run lint:deps`.
 * Dependencies point one way:
 *
 *   server/ → app/ (+ instrumentation.ts, proxy.ts) → graphql/, oauth2/ → domain/ → lib/ (+ generated/)
 *
 * graphql/ and oauth2/ are two ways in side by side and never import each
 * other; components/ (the console's client code) may use lib/'s pure helpers
 * but no domain service. Tests and scripts may import anything, and nothing
 * in the product imports them.
 */
const TESTS = "(^|/)[^/]+\\.test\\.tsx?$";
const TOOLING = "^(test|scripts|e2e)/|^playwright\\.config\\.ts$|^codegen\\.ts$|^prisma\\.config\\.ts$|^next\\.config\\.js$";

/** TEMPORARY: parts other folders still import from a feature folder, until they move to components/ui/ (see the rule that names this list). */
const SHARED_IN_PLACE = [
  // postJson and signInProblem serve the sign-in forms, the session dialog and the users' password forms; FormAlert is
  // re-exported there only until components/api-tokens/ and components/users/ (being edited for token scopes) import components/ui/form-alert.
  "^components/auth/form-parts\\.tsx$",
  // The credentials table and one-time reveal serve integration systems and every tenant-scoped kind; next to move to components/ui/.
  "^components/integration-systems/credentials-(table|reveal)\\.tsx$",
  // Labels are a feature of their own (definitions page); the editor and filter are what an object's page and list embed.
  "^components/labels/label-(editor|filter)\\.tsx$",
  // The label definitions page names its tenant with the tenants' document rather than a copy of it.
  "^components/tenants/tenants\\.generated\\.ts$",
  // The overview lists recent events in the audit log's words.
  "^components/audit-log/audit-words\\.ts$",
  // A user's tokens dialog shows them with the API tokens' table and revoke dialog (that folder is being edited for token scopes).
  "^components/api-tokens/(api-tokens-table|revoke-api-token-dialog)\\.tsx$",
];

/** A rule that files under `from` (tests aside) never import anything under `to`. */
const layer = (name, comment, from, to) => ({
  name,
  comment,
  severity: "error",
  from: { path: from, pathNot: [TESTS, TOOLING] },
  to: { path: to, pathNot: "^node_modules/" },
});

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "A circle has no bottom layer: split the shared part out.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    layer("lib-is-a-leaf", "lib/ holds leaf utilities and imports nothing of the product above it.", "^lib/", "^(?!lib/|generated/)[^/]+/|^[^/]+\\.tsx?$"),
    layer(
      "domain-stays-down",
      "domain/ imports none of graphql/, oauth2/, app/, components/, server/.",
      "^domain/",
      "^(graphql|oauth2|app|components|server)/",
    ),
    layer(
      "graphql-is-not-oauth2",
      "graphql/ is a way in: it uses domain/ and lib/, never oauth2/ (the callers that build Yoga pass oauth2's verifier in).",
      "^graphql/",
      "^(oauth2|app|components|server)/",
    ),
    layer("oauth2-is-not-graphql", "oauth2/ is a way in beside graphql/: it uses domain/ and lib/ only.", "^oauth2/", "^(graphql|app|components|server)/"),
    layer(
      "tenant-kinds-through-the-core",
      "graphql/ and app/ reach a tenant-scoped kind only through domain/tenant-objects/ (its descriptor, the core, graphql/tenant-objects/): the kind-named bindings in domain/applications/ and domain/runtimes/ are for tests and scripts, and a way in that called around the core would skip its tenant, manager and audit rules.",
      "^(graphql|app)/",
      "^domain/(applications|runtimes)/",
    ),
    {
      name: "no-prisma-above-domain",
      comment:
        "Above domain/, Prisma's generated client is named only for row types: by schema.mappers.ts (codegen's mappers) and graphql/context.ts (the loaders). Queries, raw SQL and clients stay in domain/, a tenant-scoped table's in domain/tenant-objects/. (swc does not tell type-only imports apart, so the rule names the files.)",
      severity: "error",
      from: { path: "^(graphql|app)/", pathNot: [TESTS, TOOLING, "/schema\\.mappers\\.ts$", "^graphql/context\\.ts$"] },
      to: { path: "^generated/prisma-" },
    },
    layer(
      "app-is-below-server",
      "app/ (Next's routes) is started by server/ and never reaches back into it.",
      "^(app/|instrumentation\\.ts$|proxy\\.ts$)",
      "^server/",
    ),
    layer(
      "components-use-no-services",
      "The console's components call the API; they may use lib/'s pure helpers but no domain service, way in or route.",
      "^components/",
      "^(domain|graphql|oauth2|app|server)/",
    ),
    layer(
      "tenant-object-parts-take-a-descriptor",
      "The console's shared object parts (components/tenant-objects/*) serve every tenant-scoped kind through its descriptor; naming one kind's file there would make the next kind copy the part instead of declaring itself (docs/architecture.md, Adding a tenant-scoped kind).",
      "^components/tenant-objects/[^/]+$",
      "^components/tenant-objects/kinds/",
    ),
    layer(
      "a-kind-is-reached-through-its-descriptor",
      "Outside components/tenant-objects/, a kind is used through its descriptor and page (kinds/<kind>.tsx): its documents and form are its own, and a feature folder that imported them would grow a second copy of the kind's table or page.",
      "^(components|app)/(?!tenant-objects/)",
      "^components/tenant-objects/kinds/.+(\\.generated\\.ts|\\.graphql|-form-dialog\\.tsx)$",
    ),
    {
      name: "feature-folders-share-through-ui-or-tenant-objects",
      comment:
        "A console feature folder uses another folder's part only through components/ui/ (generic), components/console/ (the shell) or components/tenant-objects/ (tenant-scoped kinds): a shared part left inside one feature folder is how FormAlert and the object page came to be imported from seven places. SHARED_IN_PLACE lists the parts still shared from their feature folder, each with its reason.",
      severity: "error",
      from: { path: "^components/([^/]+)/", pathNot: [TESTS, TOOLING] },
      to: { path: "^components/[^/]+/", pathNot: ["^components/$1/", "^components/(ui|console|tenant-objects)/", ...SHARED_IN_PLACE] },
    },
    layer(
      "product-imports-no-tooling",
      "Tests, scripts and e2e specs may import the product, never the other way round.",
      "^(lib|domain|graphql|oauth2|app|components|server)/|^[^/]+\\.tsx?$",
      TOOLING,
    ),
    {
      name: "not-to-unresolvable",
      comment: "An import that resolves to nothing is a typo or a missing dependency.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // TypeScript 7 has no compiler API for dependency-cruiser to parse with; swc reads the sources, type-only imports included.
    parser: "swc",
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    // The generated Prisma clients are leaves: seen as import targets (no-prisma-values-above-domain), never read.
    doNotFollow: { path: "^(node_modules|generated/prisma-)" },
    exclude: { path: "^(node_modules|\\.next|data|test-results)" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      mainFields: ["module", "main", "types", "typings"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".d.ts", ".json"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
