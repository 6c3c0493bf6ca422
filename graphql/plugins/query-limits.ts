import {
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
  parse,
} from "graphql";
import type { Plugin } from "graphql-yoga";
import { MAX_PAGE_SIZE } from "@/domain/paging/cursor";

/**
 * Refuses documents that would cost the server far more than any real client
 * needs: too many tokens (checked while parsing, before any tree is built),
 * too deep, or too expensive. Cost: each field costs 1, and a field taking
 * `first` multiplies what is below it by that page size. Introspection fields
 * are exempt so GraphiQL's schema query keeps working.
 */
export interface QueryLimits {
  maxTokens: number;
  maxDepth: number;
  maxCost: number;
}

function limitError(message: string) {
  return new GraphQLError(message, { extensions: { code: "GRAPHQL_VALIDATION_FAILED" } });
}

function pageSizeOf(field: FieldNode): number {
  const first = field.arguments?.find((arg) => arg.name.value === "first");
  if (!first) return 1;
  // A variable's value is not known during validation: assume the largest page.
  return first.value.kind === Kind.INT ? Math.max(1, Number(first.value.value)) : MAX_PAGE_SIZE;
}

function measure(
  selectionSet: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  seen: Set<string>,
): { depth: number; cost: number } {
  let depth = 0;
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith("__")) continue;
      const below = selection.selectionSet ? measure(selection.selectionSet, fragments, seen) : { depth: 0, cost: 0 };
      depth = Math.max(depth, below.depth + 1);
      cost += 1 + pageSizeOf(selection) * below.cost;
    } else {
      const set =
        selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : fragments[selection.name.value]?.selectionSet;
      // Fragment cycles are reported by graphql's own NoFragmentCycles rule.
      if (!set || (selection.kind === Kind.FRAGMENT_SPREAD && seen.has(selection.name.value))) continue;
      const inner = measure(set, fragments, selection.kind === Kind.FRAGMENT_SPREAD ? new Set([...seen, selection.name.value]) : seen);
      depth = Math.max(depth, inner.depth);
      cost += inner.cost;
    }
  }
  return { depth, cost };
}

function limitsRule(limits: QueryLimits) {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const fragments: Record<string, FragmentDefinitionNode> = {};
      for (const definition of context.getDocument().definitions) {
        if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
      }
      const { depth, cost } = measure(operation.selectionSet, fragments, new Set());
      if (depth > limits.maxDepth) {
        context.reportError(limitError(`Query is nested ${depth} levels deep; the limit is ${limits.maxDepth}`));
      } else if (cost > limits.maxCost) {
        context.reportError(limitError(`Query would cost ${cost} (fields times page sizes); the limit is ${limits.maxCost}`));
      }
    },
  });
}

export function useQueryLimits(limits: QueryLimits): Plugin {
  return {
    onParse({ setParseFn }) {
      setParseFn((source, options) => parse(source, { ...options, maxTokens: limits.maxTokens }));
    },
    onValidate({ addValidationRule }) {
      addValidationRule(limitsRule(limits));
    },
  };
}
