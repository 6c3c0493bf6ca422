import { stringScalar } from "@/graphql/base/string-scalar";
import { badInput } from "@/graphql/errors";

/** Compass's CLOB: a large text; nothing stores one yet (bundles arrive with issue 23). */
export const CLOB = stringScalar({
  name: "CLOB",
  description: "Compass's large text (API and event specifications).",
  notAString: () => badInput("CLOB", "Expected a string (Compass's CLOB: a large text, e.g. an API specification)"),
});
