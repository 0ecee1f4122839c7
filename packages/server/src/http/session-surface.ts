// What a customer session token may select (docs/concepts/customer-sessions.md#what-a-session-can-read):
// `viewer` and `viewerUsageUpdated` at the root, and below them only the types reachable without
// passing through a full Customer (whose lists would reach past the session's scopes) or an account
// catalog list. Everything else, introspection included, is refused with FORBIDDEN before anything runs.
import {
  type DocumentNode,
  type GraphQLError,
  getNamedType,
  type GraphQLSchema,
  isInterfaceType,
  isObjectType,
  isUnionType,
  type ValidationRule,
  validate,
} from "graphql";
import type { Plugin } from "graphql-yoga";
import type { Context } from "../context.js";
import { SESSION_FORBIDDEN } from "../schema/tenant.js";
import { refusal } from "./refusal.js";

const SESSION_ROOT_FIELDS = new Set(["viewer", "viewerUsageUpdated"]);
/** Types never reached from a session: the full customer (its invoices, subscriptions, credit grants, metadata). */
const DENIED_TYPES = new Set(["Customer", "Node"]);
/** Fields reaching past the customer: the account's whole catalog. */
const DENIED_FIELDS = new Set(["Product.prices"]);

/** Every type a session may read, each with the fields it may select. */
function sessionSurface(schema: GraphQLSchema): Map<string, Set<string>> {
  const surface = new Map<string, Set<string>>();
  const roots = [schema.getQueryType(), schema.getSubscriptionType()].flatMap((root) =>
    root ? Object.values(root.getFields()).filter((field) => SESSION_ROOT_FIELDS.has(field.name)) : [],
  );
  const pending = roots.map((field) => getNamedType(field.type));
  while (pending.length > 0) {
    const type = pending.pop()!;
    if (surface.has(type.name) || DENIED_TYPES.has(type.name)) continue;
    if (isUnionType(type)) {
      surface.set(type.name, new Set());
      pending.push(...type.getTypes());
    } else if (isObjectType(type) || isInterfaceType(type)) {
      const allowed = new Set<string>();
      surface.set(type.name, allowed);
      for (const field of Object.values(type.getFields())) {
        const target = getNamedType(field.type);
        if (DENIED_FIELDS.has(`${type.name}.${field.name}`) || DENIED_TYPES.has(target.name)) continue;
        allowed.add(field.name);
        pending.push(target);
      }
      if (isInterfaceType(type)) pending.push(...schema.getPossibleTypes(type));
    }
  }
  return surface;
}

const surfaces = new WeakMap<GraphQLSchema, Map<string, Set<string>>>();

function surfaceOf(schema: GraphQLSchema): Map<string, Set<string>> {
  let surface = surfaces.get(schema);
  if (!surface) surfaces.set(schema, (surface = sessionSurface(schema)));
  return surface;
}

const sessionSurfaceRule: ValidationRule = (context) => {
  const schema = context.getSchema();
  const surface = surfaceOf(schema);
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]);
  return {
    Field(node) {
      const parent = context.getParentType();
      const name = node.name.value;
      if (!parent || name === "__typename") return;
      const allowed = roots.has(parent as never)
        ? SESSION_ROOT_FIELDS.has(name) && parent !== schema.getMutationType()
        : !name.startsWith("__") && (surface.get(parent.name)?.has(name) ?? false);
      if (allowed) return;
      context.reportError(refusal("FORBIDDEN", `${SESSION_FORBIDDEN} (${parent.name}.${name})`, 403));
      return false; // one error per refused field, not one per field below it
    },
  };
};

/**
 * Checks every request made with a session token against the surface once its caller is known
 * (validation runs before authentication builds the context), before it executes or subscribes.
 */
export function useSessionSurface(): Plugin<Context> {
  const check = ({ args, setResultAndStopExecution }: SurfaceHookArgs) => {
    if ((args.contextValue as Context).auth.kind !== "session") return;
    const errors = validate(args.schema, args.document, [sessionSurfaceRule]);
    if (errors.length > 0) setResultAndStopExecution({ errors });
  };
  return { onExecute: check, onSubscribe: check };
}

interface SurfaceHookArgs {
  args: { schema: GraphQLSchema; document: DocumentNode; contextValue: unknown };
  setResultAndStopExecution(result: { errors: readonly GraphQLError[] }): void;
}
