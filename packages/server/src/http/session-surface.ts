// What a customer session token may select (docs/concepts/customer-sessions.md#what-a-session-can-read):
// `viewer` and `viewerUsageUpdated` at the root, and below them only the types reachable without
// passing through a full Customer (whose lists would reach past the session's scopes) or an account
// catalog list. Everything else, introspection included, is refused with FORBIDDEN before anything runs.
import {
  getNamedType,
  type GraphQLSchema,
  isInterfaceType,
  isObjectType,
  isUnionType,
  type ValidationRule,
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
      if (!allowed) context.reportError(refusal("FORBIDDEN", `${SESSION_FORBIDDEN} (${parent.name}.${name})`, 403));
    },
  };
};

/** Adds the rule to the validation of every request made with a session token. */
export function useSessionSurface(): Plugin<Context> {
  return {
    onValidate({ context, addValidationRule }) {
      if ((context as Partial<Context>).auth?.kind === "session") addValidationRule(sessionSurfaceRule);
    },
  };
}
