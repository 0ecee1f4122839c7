// A typed error where a field has no result union to carry it (queries, and mutations whose union
// lacks that error type): a GraphQL error with the code and the field path in its extensions.
import { GraphQLError } from "graphql";
import type { TallyError } from "../errors.js";

export function typedGraphQLError(error: TallyError): GraphQLError {
  return new GraphQLError(error.message, { extensions: { code: error.code, field: error.field } });
}
