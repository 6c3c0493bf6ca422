import { GraphQLScalarType, Kind, type ValueNode } from "graphql";
import { badInput } from "@/domain/errors";

/** A literal as the JSON value it spells; variables arrive as JSON already. */
export function jsonOfLiteral(ast: ValueNode, variables: Record<string, unknown> | null | undefined, scalar: string): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
    // A bare name is its text: Compass's clients write string label values so (set-formation-template-label's
    // `value: e2eTestFormationTemplateLabelValue`), and Compass's scalar reads them as strings.
    case Kind.ENUM:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map((value) => jsonOfLiteral(value, variables, scalar));
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((field) => [field.name.value, jsonOfLiteral(field.value, variables, scalar)]));
    case Kind.VARIABLE:
      // A variable the request does not hold is null, as in JSON (undefined in an array broke the write);
      // own entries only, so a variable named `constructor` does not read Object's.
      return variables && Object.hasOwn(variables, ast.name.value) ? variables[ast.name.value] : null;
    default:
      throw badInput(scalar, `Expected a JSON value`);
  }
}

// Compass's scalar for label values: any JSON.
export const Any = new GraphQLScalarType({
  name: "Any",
  description: "Any JSON value (Compass's scalar).",
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => jsonOfLiteral(ast, variables, "Any"),
});
