// The abuse limits of a GraphQL document (docs/api/limits.md): graphql-armor's rules for depth,
// aliases, tokens and directives, our cost limit (cost-limit.ts), and no field suggestions. Each
// refusal is a top-level error with its own code and HTTP 400, raised while parsing or validating,
// so nothing has run. Introspection is held to the same limits, which GraphiQL's query passes.
import { blockFieldSuggestionsPlugin } from "@escape.tech/graphql-armor-block-field-suggestions";
import { maxAliasesPlugin } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthPlugin } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesPlugin } from "@escape.tech/graphql-armor-max-directives";
import { maxTokensPlugin } from "@escape.tech/graphql-armor-max-tokens";
import type { GraphQLError, ValidationContext } from "graphql";
import type { Plugin } from "graphql-yoga";
import type { GraphqlLimits } from "../config.js";
import type { ErrorCode } from "../errors.js";
import { useCostLimit } from "./cost-limit.js";
import { ParseRefusal, refusal } from "./refusal.js";

/** graphql-armor's message ("Syntax Error: Aliases limit of 30 exceeded, found 31.") under our code. */
const asRefusal = (code: ErrorCode, error: GraphQLError) => refusal(code, error.message.replace(/^Syntax Error: /, ""));

/** A validation rule's rejection, reported as the validation error it is instead of thrown. */
function reported(code: ErrorCode) {
  return {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => context?.reportError(asRefusal(code, error)),
    ],
  };
}

export function useGraphqlLimits(limits: GraphqlLimits): Plugin[] {
  return [
    maxTokensPlugin({
      n: limits.maxTokens,
      // The parser has no validation context: the refusal is thrown.
      onReject: [
        (_context: unknown, error: GraphQLError) => {
          throw new ParseRefusal(asRefusal("TOO_MANY_TOKENS", error));
        },
      ],
    }),
    maxDepthPlugin({
      n: limits.maxDepth,
      // Depth is how deep the answer nests: a fragment adds no level, and introspection is no exception.
      flattenFragments: true,
      ignoreIntrospection: false,
      ...reported("QUERY_TOO_DEEP"),
    }),
    maxAliasesPlugin({ n: limits.maxAliases, ...reported("TOO_MANY_ALIASES") }),
    maxDirectivesPlugin({ n: limits.maxDirectives, ...reported("TOO_MANY_DIRECTIVES") }),
    useCostLimit(limits.maxCost),
    // Off for every caller, authenticated or not: "Did you mean …" would map the schema for a
    // caller without a key, and the schema is documented anyway.
    blockFieldSuggestionsPlugin({ mask: "" }),
  ] as Plugin[];
}
