// A request refused before it runs: a top-level GraphQL error with a stable code and its HTTP status.
import { GraphQLError } from "graphql";
import type { ErrorCode } from "../errors.js";

export function refusal(code: ErrorCode, message: string, status = 400): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status } } });
}
