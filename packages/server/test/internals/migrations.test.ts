// The one migration history applies cleanly through `prisma migrate deploy` to an empty embedded
// database and an empty PostgreSQL database, and leaves nothing pending; the server's own migrator
// records it as the CLI does (each finds nothing left after the other); a migration that carries
// data over does so exactly.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.js";
import { IN_MEMORY, type DatabaseConfig } from "../../src/db/config.js";
import { hashKey } from "../../src/auth/keys.js";
import { applyPendingMigrations } from "../../src/db/migration-history.js";
import { deployMigrations, migrationFiles, migrationsDir } from "../../src/db/migrations.js";
import { createEmptyPostgresDatabase, onPostgres } from "../support/database.js";

async function deployAndCheck(config: DatabaseConfig): Promise<void> {
  expect(await deployMigrations(config)).toMatch(/successfully applied/);
  // A second deploy finds nothing to do, nor does the server's own migrator.
  expect(await deployMigrations(config)).toMatch(/No pending migrations/);
  const database = await openDatabase(config);
  try {
    expect(await applyPendingMigrations(database)).toEqual([]);
    expect(await database.prisma.account.count()).toBe(0);
  } finally {
    await database.close();
  }
}

/** The server's migrator on an empty database, then the CLI: it must find nothing to do. */
async function migrateAndDeploy(config: DatabaseConfig): Promise<void> {
  const database = await openDatabase(config);
  try {
    expect(await applyPendingMigrations(database)).toEqual((await migrationFiles()).map((m) => m.name));
    expect(await applyPendingMigrations(database)).toEqual([]);
  } finally {
    await database.close();
  }
  expect(await deployMigrations(config)).toMatch(/No pending migrations/);
}

/** Runs `check` on an empty database of this project's kind (a fresh data folder for PGlite). */
async function onEmptyDatabase(check: (config: DatabaseConfig) => Promise<void>): Promise<void> {
  if (onPostgres) {
    const empty = await createEmptyPostgresDatabase();
    try {
      await check({ kind: "postgres", url: empty.url });
    } finally {
      await empty.drop();
    }
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), "tally-migrate-"));
  try {
    await check({ kind: "pglite", dataDir });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe("migrations", () => {
  // Each test database run covers its own kind: PGlite by default, PostgreSQL in the postgres project.
  // Each runs Prisma's CLI, whose start alone takes seconds (tens of them on a busy machine).
  it(`apply to an empty ${onPostgres ? "PostgreSQL" : "embedded"} database`, { timeout: 180_000 }, () =>
    onEmptyDatabase(deployAndCheck),
  );

  it("are recorded by the server's migrator as `prisma migrate deploy` records them", { timeout: 180_000 }, () =>
    onEmptyDatabase(migrateAndDeploy),
  );
});

/** An empty database of this project's kind, closed (and dropped) by `close`. */
async function emptyDatabase(): Promise<{
  database: Awaited<ReturnType<typeof openDatabase>>;
  close(): Promise<void>;
}> {
  if (!onPostgres) {
    const database = await openDatabase({ kind: "pglite", dataDir: IN_MEMORY });
    return { database, close: () => database.close() };
  }
  const empty = await createEmptyPostgresDatabase();
  const database = await openDatabase({ kind: "postgres", url: empty.url });
  return {
    database,
    close: async () => {
      await database.close();
      await empty.drop();
    },
  };
}

const folders = readdirSync(migrationsDir)
  .filter((name) => /^\d{14}_/.test(name))
  .sort();
const script = (folder: string) => readFileSync(join(migrationsDir, folder, "migration.sql"), "utf8");

/** An empty database migrated up to (not including) `migration`. */
async function databaseBefore(migration: string): ReturnType<typeof emptyDatabase> {
  const empty = await emptyDatabase();
  for (const folder of folders.slice(0, folders.indexOf(migration))) await empty.database.script(script(folder));
  return empty;
}

describe("migration 20261122040000_invoiced_periods", () => {
  it("records the usage periods of the finalized invoices stored before it, and no others", async () => {
    const { database, close } = await databaseBefore("20261122040000_invoiced_periods");
    try {
      await database.script(`
        INSERT INTO "Account" ("id", "name") VALUES ('acct_1', 'A');
        INSERT INTO "Meter" ("id", "accountId", "mode", "displayName", "eventName", "aggregation") VALUES ('mtr_1', 'acct_1', 'test', 'Tokens', 'tokens', 'SUM');
        INSERT INTO "Product" ("id", "accountId", "mode", "name") VALUES ('prod_1', 'acct_1', 'test', 'P');
        INSERT INTO "Price" ("id", "accountId", "mode", "productId", "currency", "interval", "intervalCount", "usageType", "meterId", "billingScheme", "unitAmount")
        VALUES ('price_metered', 'acct_1', 'test', 'prod_1', 'usd', 'MONTH', 1, 'METERED', 'mtr_1', 'PER_UNIT', 1),
               ('price_licensed', 'acct_1', 'test', 'prod_1', 'usd', 'MONTH', 1, 'LICENSED', NULL, 'PER_UNIT', 10);
        INSERT INTO "Customer" ("id", "accountId", "mode") VALUES ('cus_1', 'acct_1', 'test');
        INSERT INTO "Invoice" ("id", "accountId", "mode", "number", "customerId", "billingReason", "status", "currency", "periodStart", "periodEnd",
                               "subtotal", "creditsApplied", "total", "amountDue", "createdAt")
        SELECT id, 'acct_1', 'test', id, 'cus_1', reason::"BillingReason", status::"InvoiceStatus", 'usd', s::timestamptz, e::timestamptz, 0, 0, 0, 0, e::timestamptz
        FROM (VALUES ('inv_cycle', 'SUBSCRIPTION_CYCLE', 'OPEN', '2026-01-01Z', '2026-02-01Z'),
                     ('inv_cancel', 'SUBSCRIPTION_CANCEL', 'PAID', '2026-02-01Z', '2026-02-05Z'),
                     ('inv_first', 'SUBSCRIPTION_CREATE', 'OPEN', '2025-12-01Z', '2026-01-01Z'),
                     ('inv_void', 'SUBSCRIPTION_CYCLE', 'VOID', '2025-11-01Z', '2025-12-01Z')) AS v(id, reason, status, s, e);
        -- A USAGE line per invoice (two tiers on the final one), and a LICENSE line for the next period.
        INSERT INTO "InvoiceLine" ("id", "accountId", "mode", "invoiceId", "position", "kind", "description", "priceId", "quantity", "unitAmount", "amount", "periodStart", "periodEnd")
        SELECT inv."id" || '_' || n, 'acct_1', 'test'::"Mode", inv."id", n, 'USAGE'::"InvoiceLineKind", 'Usage', 'price_metered', 0, 0, 0, inv."periodStart", inv."periodEnd"
        FROM "Invoice" inv, generate_series(0, CASE inv."id" WHEN 'inv_cancel' THEN 1 ELSE 0 END) n
        UNION ALL
        SELECT 'inv_cycle_license', 'acct_1', 'test', 'inv_cycle', 9, 'LICENSE', 'Seats', 'price_licensed', 1, 10, 10, '2026-02-01Z'::timestamptz, '2026-03-01Z'::timestamptz;
      `);
      await database.script(script("20261122040000_invoiced_periods"));
      const rows = await database.sql.$queryRaw<Array<Record<string, unknown>>>`
        SELECT "accountId", "mode"::text, "customerId", "meterId", "periodStart", "periodEnd", "invoiceId" FROM "InvoicedUsagePeriod" ORDER BY "periodEnd"`;
      const period = (invoiceId: string, start: string, end: string) => ({
        accountId: "acct_1",
        mode: "test",
        customerId: "cus_1",
        meterId: "mtr_1",
        periodStart: new Date(start),
        periodEnd: new Date(end),
        invoiceId,
      });
      expect(rows).toEqual([
        period("inv_cycle", "2026-01-01Z", "2026-02-01Z"),
        period("inv_cancel", "2026-02-01Z", "2026-02-05Z"),
      ]);
    } finally {
      await close();
    }
  });
});

describe("migration 20261212100000_secret_lookups", () => {
  it("records the hash of every session token and finalized invoice's document token, as the server hashes them", async () => {
    const { database, close } = await databaseBefore("20261212100000_secret_lookups");
    const token = "cs_test_0123456789abcdefghijABCDEFGHIJ01";
    const documents = { inv_open: "A".repeat(43), inv_other: "b".repeat(43) };
    try {
      await database.script(`
        INSERT INTO "Account" ("id", "name") VALUES ('acct_1', 'A'), ('acct_2', 'B');
        INSERT INTO "Customer" ("id", "accountId", "mode") VALUES ('cus_1', 'acct_1', 'test'), ('cus_2', 'acct_2', 'live');
        INSERT INTO "CustomerSession" ("id", "accountId", "mode", "customerId", "tokenHash", "scopes", "expiresAt")
        VALUES ('cs_1', 'acct_1', 'test', 'cus_1', '${hashKey(token)}', ARRAY['USAGE_READ']::"CustomerSessionScope"[], now());
        INSERT INTO "Invoice" ("id", "accountId", "mode", "number", "customerId", "billingReason", "status", "currency", "periodStart", "periodEnd",
                               "subtotal", "creditsApplied", "total", "amountDue", "createdAt", "documentToken")
        VALUES ('inv_open', 'acct_1', 'test', '1', 'cus_1', 'MANUAL', 'OPEN', 'usd', now(), now(), 0, 0, 0, 0, now(), '${documents.inv_open}'),
               ('inv_other', 'acct_2', 'live', '1', 'cus_2', 'MANUAL', 'OPEN', 'usd', now(), now(), 0, 0, 0, 0, now(), '${documents.inv_other}'),
               ('inv_draft', 'acct_1', 'test', NULL, 'cus_1', 'MANUAL', 'DRAFT', 'usd', now(), now(), 0, 0, 0, 0, now(), NULL);
      `);
      await database.script(script("20261212100000_secret_lookups"));
      const rows = await database.sql.$queryRaw<Array<Record<string, unknown>>>`
        SELECT "kind"::text, "secretHash", "accountId", "mode"::text, "customerSessionId", "invoiceId"
        FROM "SecretLookup" ORDER BY "kind", "accountId"`;
      const row = (
        kind: string,
        secret: string,
        accountId: string,
        mode: string,
        session: string | null,
        invoice: string | null,
      ) => ({
        kind,
        secretHash: hashKey(secret),
        accountId,
        mode,
        customerSessionId: session,
        invoiceId: invoice,
      });
      expect(rows).toEqual([
        row("CUSTOMER_SESSION", token, "acct_1", "test", "cs_1", null),
        row("INVOICE_DOCUMENT", documents.inv_open, "acct_1", "test", null, "inv_open"),
        row("INVOICE_DOCUMENT", documents.inv_other, "acct_2", "live", null, "inv_other"),
      ]);
      // The sessions keep no hash of their own: the lookup is the only place it is found.
      const columns = await database.sql.$queryRaw<Array<{ name: string }>>`
        SELECT "column_name" AS "name" FROM information_schema.columns WHERE "table_name" = 'CustomerSession' AND "column_name" = 'tokenHash'`;
      expect(columns).toEqual([]);
    } finally {
      await close();
    }
  });
});
