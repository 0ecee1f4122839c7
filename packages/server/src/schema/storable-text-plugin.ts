// Every field's arguments, once coerced, are checked for text the database cannot store
// (input/text.ts) before its resolver runs, so no mutation or query can forget it. A field whose
// result union has InvalidInputError answers with that member; any other with a top-level error.
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from "@pothos/core";
import type { GraphQLFieldResolver } from "graphql";
import { InvalidInputError } from "../errors.js";
import { UNSTORABLE_TEXT_MESSAGE, unstorableTextPath } from "../input/text.js";
import { typedGraphQLError } from "./typed-error.js";

/**
 * Field extension for a field that checks text itself, item by item, so that one bad item of a
 * list is refused alone (recordMeterEvents).
 */
export const CHECKS_OWN_TEXT = "checksOwnText";

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      storableText: StorableTextPlugin<Types>;
    }
  }
}

class StorableTextPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types["Context"], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types["Context"], object> {
    if (Object.keys(fieldConfig.args).length === 0 || fieldConfig.extensions?.[CHECKS_OWN_TEXT]) return resolver;
    const errorTypes = fieldConfig.extensions?.pothosErrors as unknown[] | undefined;
    const inUnion = errorTypes?.includes(InvalidInputError) ?? false;
    return (parent, args, context, info) => {
      const field = unstorableTextPath(args, []);
      if (field) {
        const error = new InvalidInputError(UNSTORABLE_TEXT_MESSAGE, field);
        throw inUnion ? error : typedGraphQLError(error);
      }
      return resolver(parent, args, context, info);
    };
  }
}

SchemaBuilder.registerPlugin("storableText", StorableTextPlugin);
