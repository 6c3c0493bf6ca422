import { stringScalar } from "@/graphql/base/string-scalar";
import { badInput } from "@/graphql/errors";

// Only the shape is checked here; the list that receives it decodes the rest.
// "" is accepted and means "from the start", as in Compass.
const BASE64URL = /^[A-Za-z0-9_-]{0,2048}$/;

const malformed = () => badInput("after", "Malformed cursor: pass a pageInfo.endCursor from the same list");

export const PageCursor = stringScalar({
  name: "PageCursor",
  description: "An opaque keyset cursor. Pass a page's endCursor as `after` to get the next page.",
  notAString: malformed,
  check: (text) => {
    if (!BASE64URL.test(text)) throw malformed();
  },
  serialize: (value) => value,
});
