import { defineConfig } from "@eddeee888/gcg-typescript-resolver-files";
import type { CodegenConfig } from "@graphql-codegen/cli";

// Server: one resolver file per field under graphql/<module>/resolvers/, typed
// from the SDL, with Prisma rows mapped through each module's schema.mappers.ts.
const config: CodegenConfig = {
  schema: "graphql/**/schema.graphql",
  generates: {
    graphql: defineConfig({
      resolverGeneration: "minimal",
      scalarsModule: false,
      scalarsOverrides: {
        DateTime: { type: { input: "Date", output: "Date | string" } },
        PageCursor: { type: "string" },
      },
      typesPluginsConfig: {
        contextType: "./context#GraphQLContext",
        enumsAsTypes: true,
      },
    }),
  },
};

export default config;
