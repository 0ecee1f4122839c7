// The cost limit: what one operation may ask for, with lists counted by their size. It is checked
// with the request's variables once they are known and before anything runs, since page sizes and
// summary ranges are usually variables. graphql-armor's cost-limit weighs fields alone, so a page
// of 100 would cost what a page of 1 does, and a summary over 8,784 windows what one over 1 does.
//
// Every object returned costs 1 and leaves cost nothing: a field costs size × (1 + its selection),
// where size is a connection's page size on its `edges`/`nodes`, the window count of
// meterEventSummaries, an estimate for other lists (but ROW_PARTS) and 1 otherwise. Fragments on the alternatives
// of a union all count (an upper bound).
import {
  type ExecutionArgs,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  getArgumentValues,
  getNamedType,
  getNullableType,
  getOperationAST,
  getVariableValues,
  isCompositeType,
  isListType,
  Kind,
  type SelectionSetNode,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  type FieldNode,
  type InlineFragmentNode,
} from "graphql";
import type { Plugin } from "graphql-yoga";
import { MAX_WINDOWS, windowCount } from "../services/meter-events/summaries.js";
import type { GroupingWindow } from "../usage-store/index.js";
import { refusal } from "./refusal.js";

/** Pothos relay's page sizes: without first/last a page has 20 rows, and never more than 100. */
const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** Lists without a size argument (invoice lines, subscription items, tiers…): a few rows each. */
const UNSIZED_LIST = 10;

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /** A fragment's cost by name and page: each is walked once, however often it is spread. */
  fragmentCosts: Map<string, number>;
}

/** The field's arguments as the resolver will see them; null if they cannot be coerced. */
function argumentsOf(
  walk: Walk,
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
): Record<string, unknown> | null {
  try {
    return getArgumentValues(field, node, walk.variables);
  } catch {
    return null;
  }
}

/** Fields answering one summary per window (meterEventSummaries' arguments and rule). */
const WINDOWED_FIELDS = new Set(["Query.meterEventSummaries", "Viewer.usage"]);

/** A connection's page: first or last, capped as Pothos caps it; the cap when they cannot be read. */
function pageSize(args: Record<string, unknown> | null): number {
  if (!args) return MAX_PAGE_SIZE;
  const requested = (args.first ?? args.last ?? DEFAULT_PAGE_SIZE) as number;
  return Math.min(Math.max(requested, 0), MAX_PAGE_SIZE);
}

/** The summaries' count by the resolver's own rule; a range the resolver refuses costs its most. */
function summaryWindows(args: Record<string, unknown> | null): number {
  if (!args) return MAX_WINDOWS;
  const count = windowCount({
    startTime: args.startTime as Date,
    endTime: args.endTime as Date,
    groupingWindow: args.groupingWindow as GroupingWindow | null | undefined,
  });
  return Number.isFinite(count) ? Math.min(Math.max(count, 1), MAX_WINDOWS) : MAX_WINDOWS;
}

function fieldDefinition(
  walk: Walk,
  parent: GraphQLCompositeType,
  name: string,
): GraphQLField<unknown, unknown> | null {
  if (parent === walk.schema.getQueryType()) {
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  }
  return "getFields" in parent ? ((parent as GraphQLObjectType).getFields()[name] ?? null) : null;
}

function selectionCost(walk: Walk, selectionSet: SelectionSetNode, parent: GraphQLCompositeType, page: number): number {
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      cost += fieldCost(walk, selection, parent, page);
      continue;
    }
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      cost += fragmentCost(walk, selection, parent, page);
      continue;
    }
    const key = `${selection.name.value}:${page}`;
    let spread = walk.fragmentCosts.get(key);
    if (spread === undefined) {
      const fragment = walk.fragments[selection.name.value];
      spread = fragment ? fragmentCost(walk, fragment, parent, page) : 0;
      walk.fragmentCosts.set(key, spread);
    }
    cost += spread;
  }
  return cost;
}

function fragmentCost(
  walk: Walk,
  fragment: InlineFragmentNode | FragmentDefinitionNode,
  parent: GraphQLCompositeType,
  page: number,
): number {
  const condition = fragment.typeCondition ? walk.schema.getType(fragment.typeCondition.name.value) : parent;
  return condition && isCompositeType(condition) ? selectionCost(walk, fragment.selectionSet, condition, page) : 0;
}

/**
 * Lists stored inside their row and bounded by a rule (at most 10 dimensions or conditions, a line's
 * few discounts and tax rates): read with the row, they cost what one object does.
 */
const ROW_PARTS = new Set([
  "MeterEventSummary.dimensions",
  "InvoiceLine.meterSegmentConditions",
  "InvoiceLine.discountAmounts",
  "InvoiceLine.taxAmounts",
  "Invoice.totalDiscountAmounts",
  "Invoice.totalTaxAmounts",
  "InvoicePreview.totalDiscountAmounts",
  "InvoicePreview.totalTaxAmounts",
  "Price.meterSegmentConditions",
  "UsageAlert.filters",
]);

/** `page` is the page size of the connection this field belongs to, if any. */
function fieldCost(walk: Walk, node: FieldNode, parent: GraphQLCompositeType, page: number): number {
  const field = fieldDefinition(walk, parent, node.name.value);
  const type = field ? getNamedType(field.type) : null;
  if (!field || !type || !isCompositeType(type) || !node.selectionSet) return 0;
  const hasPageArgs = field.args.some((a) => a.name === "first" || a.name === "last");
  const windowed = WINDOWED_FIELDS.has(`${parent.name}.${field.name}`);
  const args = hasPageArgs || windowed ? argumentsOf(walk, field, node) : null;
  let size = 1;
  if (windowed) size = summaryWindows(args);
  else if (isListType(getNullableType(field.type)) && !ROW_PARTS.has(`${parent.name}.${field.name}`))
    size = page > 0 && /^(edges|nodes)$/.test(field.name) ? page : UNSIZED_LIST;
  const childPage = hasPageArgs ? pageSize(args) : 0;
  return size * (1 + selectionCost(walk, node.selectionSet, type, childPage));
}

/** The operation's cost; null when its variables do not coerce (execution refuses it then). */
export function operationCost(
  args: Pick<ExecutionArgs, "schema" | "document" | "operationName" | "variableValues">,
): number | null {
  const operation = getOperationAST(args.document, args.operationName);
  const root = operation && args.schema.getRootType(operation.operation);
  if (!operation || !root) return null;
  const coerced = getVariableValues(args.schema, operation.variableDefinitions ?? [], args.variableValues ?? {});
  if (coerced.errors) return null;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of args.document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  const walk = { schema: args.schema, fragments, variables: coerced.coerced, fragmentCosts: new Map() };
  return selectionCost(walk, operation.selectionSet, root, 0);
}

export function useCostLimit(maxCost: number): Plugin {
  const check = (args: ExecutionArgs) => {
    const cost = operationCost(args);
    if (cost === null || cost <= maxCost) return null;
    return {
      errors: [
        refusal(
          "QUERY_TOO_COSTLY",
          `Query cost limit of ${maxCost} exceeded, found ${cost}: ask for smaller pages, shorter summary ranges or fewer fields.`,
        ),
      ],
    };
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const refused = check(args);
      if (refused) setResultAndStopExecution(refused);
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const refused = check(args);
      if (refused) setResultAndStopExecution(refused);
    },
  };
}
