// The schema: the builder plus one module per domain type.
import { builder } from "./builder.js";
import "./scalars.js";
import "./errors.js";
import "./root.js";
import "./account.js";
import "./test-clock.js";
import "./customer.js";
import "./meter.js";
import "./meter-event.js";
import "./product.js";
import "./price.js";
import "./subscription.js";
import "./invoice.js";
import "./event.js";
import "./webhook-endpoint.js";
import "./usage-alert.js";
import "./credit-grant.js";

export const schema = builder.toSchema();
