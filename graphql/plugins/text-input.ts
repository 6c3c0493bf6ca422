import { type ASTVisitor, Kind, type ValidationContext } from "graphql";
import type { Plugin } from "graphql-yoga";
import { UNSTORABLE_TEXT_MESSAGE, findUnstorableText, isStorableText } from "../../lib/text";
import { badInput } from "../errors";

/**
 * Refuses strings the databases cannot store (lib/text.ts), in the document's
 * literals (checked once per document, with validation) and in variables
 * (checked per request), as BAD_USER_INPUT naming the input.
 */
function literalsRule(context: ValidationContext): ASTVisitor {
  return {
    StringValue(node, _key, parent, _path, ancestors) {
      if (isStorableText(node.value)) return;
      const names = [...ancestors, parent].flatMap((ancestor) =>
        ancestor && !Array.isArray(ancestor) && "kind" in ancestor && (ancestor.kind === Kind.ARGUMENT || ancestor.kind === Kind.OBJECT_FIELD)
          ? [ancestor.name.value]
          : [],
      );
      context.reportError(badInput(names.join(".") || "query", UNSTORABLE_TEXT_MESSAGE));
    },
  };
}

export function useTextInputCheck(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(literalsRule);
    },
    onExecute({ args, setResultAndStopExecution }) {
      const field = findUnstorableText(args.variableValues ?? {}, "");
      if (field) setResultAndStopExecution({ errors: [badInput(field, UNSTORABLE_TEXT_MESSAGE)] });
    },
  };
}
