// Whether a request only reads the schema: such requests need no key, since the schema of an
// open-source server is public (docs/api/graphiql.md#introspection-is-public).
import { getOperationAST, Kind, parse, type DocumentNode, type SelectionSetNode } from "graphql";

const INTROSPECTION_FIELDS = new Set(["__schema", "__type", "__typename"]);

function onlyIntrospection(document: DocumentNode, selectionSet: SelectionSetNode, seen: Set<string>): boolean {
  return selectionSet.selections.every((selection) => {
    if (selection.kind === Kind.FIELD) return INTROSPECTION_FIELDS.has(selection.name.value);
    if (selection.kind === Kind.INLINE_FRAGMENT) return onlyIntrospection(document, selection.selectionSet, seen);
    const name = selection.name.value;
    // A fragment spread twice adds nothing; a cycle is invalid and refused by validation anyway.
    if (seen.has(name)) return true;
    seen.add(name);
    const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === name);
    return fragment?.kind === Kind.FRAGMENT_DEFINITION && onlyIntrospection(document, fragment.selectionSet, seen);
  });
}

/** True when the operation `params` names is a query whose top level selects introspection fields only. */
export function isIntrospectionOnly(params: { query?: string; operationName?: string | null }): boolean {
  if (!params.query) return false;
  let document: DocumentNode;
  try {
    document = parse(params.query);
  } catch {
    return false;
  }
  const operation = getOperationAST(document, params.operationName);
  return operation?.operation === "query" && onlyIntrospection(document, operation.selectionSet, new Set());
}
