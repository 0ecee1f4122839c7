// The Tenant a request would get, built from the test app for internals tests that call services
// directly, optionally over another Database (a counting or wrapped one).
import { createContext, type Tenant } from "../../../src/context.js";
import type { Database } from "../../../src/db/client.js";
import type { Scope } from "../../../src/db/tenant-scope.js";
import type { TestApp } from "../../support/app.js";

export function tenantOf(
  app: TestApp,
  {
    accountId = app.account.account.id,
    mode = "test",
    database = app.database,
  }: Partial<Scope> & {
    database?: Database;
  } = {},
): Tenant {
  const context = createContext({ ...app.deps, database }, { kind: "tenant", scope: { accountId, mode } });
  if (!context.tenant) throw new Error("createContext gave no tenant for a tenant auth");
  return context.tenant;
}

/** The test app's own account in test mode. */
export function scopeOf(app: TestApp): Scope {
  return { accountId: app.account.account.id, mode: "test" };
}
