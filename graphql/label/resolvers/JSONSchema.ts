import { stringScalar } from "@/graphql/base/string-scalar";
import { badInput } from "@/domain/errors";

// Compass's scalar: the schema's JSON as a string (parsed and checked by the domain).
export const JSONSchema = stringScalar({
  name: "JSONSchema",
  description: "A JSON Schema, as a string holding its JSON (Compass's scalar).",
  notAString: () => badInput("JSONSchema", "A JSON Schema is passed as a string holding its JSON"),
  serialize: (value) => value,
});
