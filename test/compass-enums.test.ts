import assert from "node:assert/strict";
import { test } from "node:test";
import { assertEnumType, buildASTSchema } from "graphql";
import { typeDefs } from "@/graphql/typeDefs.generated";
import { APPLICATION_CONDITIONS, RUNTIME_CONDITIONS, WEBHOOK_MODES, WEBHOOK_TYPES } from "@/lib/compass-enums";

test("the enum lists that the API checks and the console offers are the served schema's, in its order", () => {
  const schema = buildASTSchema(typeDefs);
  const values = (name: string) =>
    assertEnumType(schema.getType(name))
      .getValues()
      .map((value) => value.name);
  assert.deepEqual(APPLICATION_CONDITIONS, values("ApplicationStatusCondition"));
  assert.deepEqual(RUNTIME_CONDITIONS, values("RuntimeStatusCondition"));
  assert.deepEqual(WEBHOOK_TYPES, values("WebhookType"));
  assert.deepEqual(WEBHOOK_MODES, values("WebhookMode"));
});
