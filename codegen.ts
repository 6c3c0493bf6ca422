import { defineConfig } from "@eddeee888/gcg-typescript-resolver-files";
import type { CodegenConfig } from "@graphql-codegen/cli";

const scalars = { DateTime: "string", PageCursor: "string", Timestamp: "string" };

// Server: one resolver file per field under graphql/<module>/resolvers/, typed
// from the SDL, with Prisma rows mapped through each module's schema.mappers.ts.
// Console: each component's `*.graphql` documents get a typed document beside
// them (`*.generated.ts`), so no result type is ever written by hand.
const config: CodegenConfig = {
  schema: "graphql/**/schema.graphql",
  generates: {
    graphql: defineConfig({
      resolverGeneration: "minimal",
      // Resolvers are built by factories (graphql/tenant-objects/resolvers.ts, graphql/base/page-fields.ts),
      // which the preset cannot see into: left on, it writes stub fields into those files, or fails on a
      // resolver that is a call rather than an object literal. Missing resolvers are caught by the API tests.
      fixObjectTypeResolvers: "disabled",
      scalarsModule: false,
      scalarsOverrides: {
        DateTime: { type: { input: "Date", output: "Date | string" } },
        PageCursor: { type: "string" },
        Any: { type: "unknown" },
        Labels: { type: "Record<string, unknown>" },
        JSONSchema: { type: "string" },
        CLOB: { type: "string" },
        JSON: { type: "string" },
      },
      typesPluginsConfig: {
        contextType: "./context#GraphQLContext",
        enumsAsTypes: true,
      },
    }),
    "components/graphql-types.generated.ts": {
      documents: "components/**/*.graphql",
      plugins: ["typescript"],
      config: { onlyOperationTypes: true, enumsAsTypes: true, scalars, useTypeImports: true },
    },
    "components/": {
      documents: "components/**/*.graphql",
      preset: "near-operation-file",
      presetConfig: { extension: ".generated.ts", baseTypesPath: "graphql-types.generated.ts" },
      plugins: ["typescript-operations", "typed-document-node"],
      config: { enumsAsTypes: true, scalars, useTypeImports: true, dedupeFragments: true },
    },
  },
};

export default config;
