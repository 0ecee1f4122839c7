// The schema: the builder plus one module per domain type.
import { isObjectType } from "graphql";
import { builder } from "./builder.js";
import "./scalars.js";
import "./errors.js";
import "./root.js";
import "./account.js";
import "./api-key.js";
import "./test-clock.js";
import "./customer.js";
import "./meter.js";
import "./meter-event.js";
import "./meter-event-stream.js";
import "./product.js";
import "./price.js";
import "./subscription.js";
import "./invoice.js";
import "./invoice-item.js";
import "./invoice-drafts.js";
import "./event.js";
import "./webhook-endpoint.js";
import "./usage-alert.js";
import "./credit-grant.js";
import "./credit-purchase.js";
import "./credit-hold.js";
import "./tax-rate.js";
import "./discount.js";
import "./customer-session.js";
import "./viewer.js";
import "./invoice-lifecycle.js";
import "./credit-note.js";
import "./customer-balance.js";

export const schema = builder.toSchema();

// Node ids resolve synchronously: the relay plugin's id resolvers are async functions around the
// prisma plugin's, two promises per object (some 500 for a page of 50 subscriptions with their
// customers, items and prices), for what is the row's own id (encodeGlobalID keeps it, builder.ts).
for (const type of Object.values(schema.getTypeMap())) {
  if (isObjectType(type) && type.getInterfaces().some((i) => i.name === "Node")) {
    type.getFields().id!.resolve = (row: { id: string }) => row.id;
  }
}
