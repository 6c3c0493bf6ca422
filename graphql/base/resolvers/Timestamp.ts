import { GraphQLScalarType } from "graphql";
import { DateTime } from "./DateTime";

// Compass's name for an instant; the same format and checks as DateTime.
export const Timestamp = new GraphQLScalarType({
  ...DateTime.toConfig(),
  name: "Timestamp",
  description: "Compass's instant type: ISO 8601 (RFC 3339), always UTC.",
});
