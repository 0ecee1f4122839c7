// The refusals of authentication: 401 with code UNAUTHENTICATED (docs/api/errors.md).
import { GraphQLError } from "graphql";

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } });
}
