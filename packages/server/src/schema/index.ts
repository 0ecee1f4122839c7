// The schema: the builder plus one module per domain type.
import { builder } from "./builder.js";
import "./scalars.js";
import "./errors.js";
import "./root.js";
import "./account.js";
import "./test-clock.js";

export const schema = builder.toSchema();
