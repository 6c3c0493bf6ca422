import { stringScalar } from "@/graphql/base/string-scalar";
import { badInput } from "@/graphql/errors";

/** Compass's JSON: a string that holds a JSON document, answered as that string. */
// The generated resolver map imports it by the scalar's name.
// biome-ignore lint/suspicious/noShadowRestrictedNames: the scalar is named JSON in Compass's schema
export const JSON = stringScalar({
  name: "JSON",
  description: "Compass's JSON: a string holding a JSON document.",
  notAString: () => badInput("JSON", "Expected a string holding a JSON document"),
  check: (text) => {
    try {
      globalThis.JSON.parse(text);
    } catch {
      throw badInput("JSON", "JSON input is not a valid JSON");
    }
  },
});
