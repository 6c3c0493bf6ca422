import {
  type ASTVisitor,
  type DocumentNode,
  GraphQLString,
  type GraphQLInputType,
  type GraphQLSchema,
  Kind,
  type ValidationContext,
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  typeFromAST,
  visit,
} from "graphql";
import type { Plugin } from "graphql-yoga";
import { UNSTORABLE_TEXT_MESSAGE, findUnstorableText, isStorableText } from "@/lib/text";
import { textMaxFor } from "@/domain/validation/validation";
import { badInput } from "@/graphql/errors";

/**
 * Refuses text the API will not take, as BAD_USER_INPUT naming the input:
 * - strings the databases cannot store (lib/text.ts), anywhere in the
 *   document's literals or the variables;
 * - String arguments and input fields longer than their maximum
 *   (domain/validation/validation.ts: 2000 characters, `search` 200), so no resolver or
 *   query ever sees an oversized text.
 * Literals are checked once per document, with validation; variables per
 * request, before execution.
 */

/** Lengths in code points, as lib/names.ts counts them; stops counting past `max`. */
function longerThan(value: string, max: number): boolean {
  if (value.length <= max) return false; // UTF-16 units are at least as many as code points
  let count = 0;
  for (const _ of value) if (++count > max) return true;
  return false;
}

const tooLong = (field: string, max: number) => badInput(field, `Text must be at most ${max} characters`);

function literalsRule(context: ValidationContext): ASTVisitor {
  return {
    StringValue(node, _key, parent, _path, ancestors) {
      const names = [...ancestors, parent].flatMap((ancestor) =>
        ancestor && !Array.isArray(ancestor) && "kind" in ancestor && (ancestor.kind === Kind.ARGUMENT || ancestor.kind === Kind.OBJECT_FIELD)
          ? [ancestor.name.value]
          : [],
      );
      const field = names.join(".") || "query";
      if (!isStorableText(node.value)) {
        context.reportError(badInput(field, UNSTORABLE_TEXT_MESSAGE));
        return;
      }
      // Only where a String is expected (an ID or a cursor is checked by what reads it).
      const expected = context.getInputType();
      if (expected && getNamedType(expected) === GraphQLString) {
        const max = textMaxFor(names.at(-1) ?? "");
        if (longerThan(node.value, max)) context.reportError(tooLong(field, max));
      }
    },
  };
}

/**
 * The path of the first String in `value` longer than its maximum, walking
 * the declared input type (an undeclared or mistyped value is graphql-js's to
 * refuse). Iterative, like findUnstorableText.
 */
function findTooLongText(value: unknown, type: GraphQLInputType, name: string, path: string): { field: string; max: number } | null {
  const pending: [unknown, GraphQLInputType, string, string][] = [[value, type, name, path]];
  while (pending.length > 0) {
    const [current, declared, ownName, at] = pending.pop()!;
    const nullable = getNullableType(declared);
    if (typeof current === "string" && nullable === GraphQLString) {
      const max = textMaxFor(ownName);
      if (longerThan(current, max)) return { field: at, max };
    } else if (isListType(nullable)) {
      // graphql-js takes a single value for a list (input coercion): check it as an item.
      const items = Array.isArray(current) ? current : [current];
      for (let i = items.length - 1; i >= 0; i--) pending.push([items[i], nullable.ofType, ownName, Array.isArray(current) ? `${at}[${i}]` : at]);
    } else if (isInputObjectType(nullable) && current !== null && typeof current === "object" && !Array.isArray(current)) {
      const fields = nullable.getFields();
      for (const [key, item] of Object.entries(current)) {
        if (fields[key]) pending.push([item, fields[key].type, key, `${at}.${key}`]);
      }
    }
  }
  return null;
}

/** The argument or input-field name each variable is passed as: the one with the smallest maximum, if several. */
function usageNames(document: DocumentNode): Map<string, string> {
  const names = new Map<string, string>();
  visit(document, {
    Variable(node, _key, parent, _path, ancestors) {
      const holder = [...ancestors, parent]
        .reverse()
        .find(
          (ancestor) => ancestor && !Array.isArray(ancestor) && "kind" in ancestor && (ancestor.kind === Kind.ARGUMENT || ancestor.kind === Kind.OBJECT_FIELD),
        );
      if (!holder || !("name" in holder) || !holder.name) return;
      const known = names.get(node.name.value);
      if (known === undefined || textMaxFor(holder.name.value) < textMaxFor(known)) names.set(node.name.value, holder.name.value);
    },
  });
  return names;
}

const usages = new WeakMap<DocumentNode, Map<string, string>>();

function tooLongVariable(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown>) {
  const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((op) => op.name?.value === operationName) : operations[0];
  if (!operation?.variableDefinitions?.length) return null;
  // Passed as `search: $q`, the variable takes search's maximum; graphql-js requires it be typed to fit there.
  let usedAs = usages.get(document);
  if (!usedAs) usages.set(document, (usedAs = usageNames(document)));
  for (const definition of operation.variableDefinitions) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type as never) as GraphQLInputType | undefined;
    if (!type || !Object.hasOwn(variables, name)) continue;
    const found = findTooLongText(variables[name], type, usedAs.get(name) ?? name, name);
    if (found) return tooLong(found.field, found.max);
  }
  return null;
}

export function useTextInputCheck(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(literalsRule);
    },
    onExecute({ args, setResultAndStopExecution }) {
      const variables = (args.variableValues ?? {}) as Record<string, unknown>;
      const field = findUnstorableText(variables, "");
      if (field) return setResultAndStopExecution({ errors: [badInput(field, UNSTORABLE_TEXT_MESSAGE)] });
      const tooLongError = tooLongVariable(args.schema, args.document, args.operationName, variables);
      if (tooLongError) setResultAndStopExecution({ errors: [tooLongError] });
    },
  };
}
