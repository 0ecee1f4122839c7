// Every key and index of account-owned data leads with the account and mode
// (docs/operations/scaling.md#past-one-postgresql), read from the catalogue of a migrated database:
// a table distributed by account (Citus) needs its unique keys to include the distribution column,
// and a read scoped by account finds its rows in one index range. The indexes that do not are
// listed below with the reason; a new one must lead with the account or be added here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import { createTestDatabase } from "../support/database.js";

/** Indexes of tenant tables that deliberately do not lead with (accountId, mode), by reason. */
const NOT_LEADING: Record<string, string[]> = {
  // A request arrives with nothing but the secret: the lookup finds the account. ApiKey becomes a
  // reference table on Citus (copied to every node), SecretLookup one too or distributed by the
  // hash: the tenant tables themselves keep no such key.
  "global lookups by secret": ["ApiKey_keyHash_key", "SecretLookup_pkey"],
  // Jobs that sweep every account at once by due time.
  "cross-account sweeps": [
    "CreditGrant_expiredAt_expiresAt_idx",
    "CreditHold_status_expiresAt_idx",
    "IdempotencyKey_expiresAt_idx",
    "StreamPartition_leaseUntil_idx",
    "Subscription_status_currentPeriodEnd_idx",
    "WebhookDelivery_status_nextAttemptAt_idx",
  ],
  // Reached by joins from a row already found in the account (its parent's id): not unique, so a
  // distributed table may keep them, and raw joins name no account to lead with.
  "child rows by parent": [
    "CreditBalanceTransaction_customerId_createdAt_id_idx",
    "CreditBalanceTransaction_customerId_seq_idx",
    "CreditBalanceTransaction_grantId_idx",
    "CreditGrant_customerId_currency_idx",
    "CreditHold_customerId_currency_status_idx",
    "CreditNoteLine_creditNoteId_position_idx",
    "CreditNoteLine_invoiceLineId_idx",
    "CreditNote_customerId_createdAt_idx",
    "CreditNote_invoiceId_idx",
    "CreditPurchase_customerId_createdAt_idx",
    "CustomerBalanceTransaction_customerId_seq_idx",
    "CustomerSession_customerId_idx",
    "Customer_testClockId_idx",
    "Discount_customerId_idx",
    "Discount_subscriptionId_idx",
    "InvoiceLine_invoiceId_position_idx",
    "Invoice_customerId_createdAt_idx",
    "PendingInvoiceItem_customerId_invoiceId_idx",
    "PendingInvoiceItem_invoiceId_idx",
    "PendingInvoiceItem_subscriptionId_invoiceId_idx",
    "Price_productId_idx",
    "PromotionCode_couponId_idx",
    "SubscriptionItem_subscriptionId_position_idx",
    "Subscription_customerId_idx",
  ],
};

interface IndexRow {
  table: string;
  index: string;
  primary: boolean;
  columns: string[];
}

let database: Database;
let indexes: IndexRow[];
beforeAll(async () => {
  database = await createTestDatabase();
  // Every index of every table with accountId and mode columns (MeterEvent's partitions included).
  indexes = await database.sql.$queryRaw<IndexRow[]>`
    SELECT c."relname" AS "table", i."relname" AS "index", x."indisprimary" AS "primary",
           array(SELECT a."attname"::text FROM unnest(x."indkey"::int2[]) WITH ORDINALITY k(attnum, n)
                 JOIN pg_attribute a ON a."attrelid" = c."oid" AND a."attnum" = k.attnum
                 -- Key columns only, not the INCLUDEd ones.
                 WHERE k.n <= x."indnkeyatts" ORDER BY k.n) AS "columns"
    FROM pg_index x
    JOIN pg_class c ON c."oid" = x."indrelid"
    JOIN pg_class i ON i."oid" = x."indexrelid"
    JOIN pg_namespace ns ON ns."oid" = c."relnamespace"
    WHERE ns."nspname" = 'public'
      AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a."attrelid" = c."oid" AND a."attname" = 'accountId')
      AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a."attrelid" = c."oid" AND a."attname" = 'mode')
    ORDER BY 1, 2`;
});
afterAll(() => database.close());

const leads = (r: IndexRow) => r.columns[0] === "accountId" && r.columns[1] === "mode";

describe("keys of account-owned tables", () => {
  it("lead with accountId and mode, but the listed indexes", () => {
    const others = indexes.filter((r) => !leads(r));
    expect(others.map((r) => r.index).sort()).toEqual(Object.values(NOT_LEADING).flat().sort());
    // Every primary key leads with them (an entity's is (accountId, mode, id)) but the secrets' lookup.
    expect(indexes.filter((r) => r.primary && !leads(r)).map((r) => r.index)).toEqual(["SecretLookup_pkey"]);
    const columns = (index: string) => indexes.find((r) => r.index === index)?.columns.join(",");
    expect(columns("Customer_pkey")).toBe("accountId,mode,id");
    expect(columns("CreditAutoRecharge_pkey")).toBe("accountId,mode,customerId");
    expect(columns("CreditPurchase_accountId_mode_invoiceId_key")).toBe("accountId,mode,invoiceId");
    expect(columns("SecretLookup_pkey")).toBe("kind,secretHash");
  });

  it("are what every foreign key between them names, with the account and mode", async () => {
    // Every foreign key from an account-owned table (MeterEvent's partitions included) to another one.
    const foreign = await database.sql.$queryRaw<
      Array<{ table: string; target: string; columns: string[]; referenced: string[] }>
    >`
      SELECT c."conrelid"::regclass::text AS "table", c."confrelid"::regclass::text AS "target",
             array(SELECT a."attname"::text FROM unnest(c."conkey") WITH ORDINALITY k(attnum, n)
                   JOIN pg_attribute a ON a."attrelid" = c."conrelid" AND a."attnum" = k.attnum ORDER BY k.n) AS "columns",
             array(SELECT a."attname"::text FROM unnest(c."confkey") WITH ORDINALITY k(attnum, n)
                   JOIN pg_attribute a ON a."attrelid" = c."confrelid" AND a."attnum" = k.attnum ORDER BY k.n) AS "referenced"
      FROM pg_constraint c
      WHERE c."contype" = 'f' AND c."connamespace" = 'public'::regnamespace
        AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a."attrelid" = c."confrelid" AND a."attname" = 'mode')`;
    expect(foreign.length).toBeGreaterThanOrEqual(30);
    const bare = foreign.filter((fk) => fk.columns[0] !== "accountId" || fk.columns[1] !== "mode");
    expect(bare).toEqual([]);
    for (const fk of foreign) expect(fk.referenced).toEqual(["accountId", "mode", fk.referenced[2]]);
    // A row's reference to another account's object is refused by the database itself.
    const tables = new Set(foreign.map((fk) => `${fk.table}>${fk.target}`));
    for (const edge of ['"MeterEvent">"Meter"', '"Invoice">"Customer"', '"CustomerTaxRate">"TaxRate"']) {
      expect(tables).toContain(edge);
    }
  });

  it("of the usage tables and every event partition lead with them, and are the keys reads and upserts name", () => {
    const usage = indexes.filter((r) => /^Meter(Event|Usage|DimensionCombination)/.test(r.table));
    expect(usage.filter((r) => !leads(r))).toEqual([]);
    const columns = (index: string) => indexes.find((r) => r.index === index)?.columns.join(",");
    const tail = "accountId,mode,meterId,customerId";
    expect(columns("MeterEvent_pkey")).toBe(`${tail},timestamp,seq`);
    expect(columns("MeterEventIdentifier_pkey")).toBe("accountId,mode,identifier");
    expect(columns("MeterUsageHour_pkey")).toBe(`${tail},hour,combinationId,shard`);
    expect(columns("MeterUsageHour_unfolded_customer_idx")).toBe(`${tail},hour`);
    expect(columns("MeterUsageDay_pkey")).toBe(`${tail},day,combinationId`);
    expect(columns("MeterUsageMinute_pkey")).toBe(`${tail},minute`);
    expect(columns("MeterUsageBlock_pkey")).toBe(`${tail},block,combinationId`);
    expect(columns("MeterDimensionCombination_pkey")).toBe("accountId,mode,id");
    // The monthly partitions (and the default one) carry the table's key.
    const partitions = usage.filter((r) => /^MeterEvent_(p\d{6}|default)$/.test(r.table));
    expect(partitions.length).toBeGreaterThanOrEqual(4);
    for (const p of partitions) expect(p.columns.join(",")).toBe(`${tail},timestamp,seq`);
  });
});
