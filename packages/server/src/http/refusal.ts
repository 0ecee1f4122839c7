// A request refused before it runs: a top-level GraphQL error with a stable code and its HTTP
// status. `spec: false` keeps yoga from answering it 200, as it answers the GraphQL-over-HTTP
// spec's own validation errors to application/json clients.
import { GraphQLError } from "graphql";
import type { ErrorCode } from "../errors.js";

export function refusal(code: ErrorCode, message: string, status = 400): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status, spec: false } } });
}

/**
 * A refusal thrown by the parser: yoga marks every GraphQLError out of the parser a spec error
 * (answered 200), so it travels in this wrapper, which the error masking unwraps (yoga.ts).
 */
export class ParseRefusal extends Error {
  constructor(readonly refusal: GraphQLError) {
    super(refusal.message);
    this.name = "ParseRefusal";
  }
}
