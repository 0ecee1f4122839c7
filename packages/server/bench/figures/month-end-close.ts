// Month-end close (figure id month-end-close): N subscriptions reach their period end at the same
// instant — half with a graduated metered price and usage, every tenth customer with a credit grant
// and a usage alert — and the server's own scheduler closes them, as it runs in production. The
// figure is the time from the period end until every invoice is finalized (its invoice.created and
// invoice.finalized events and their webhook outbox rows commit with it), and invoices/s.
// Reference (same run, same database, just before): one set-based SQL statement that writes the
// same invoice and line rows, in a transaction rolled back. The subscriptions are cloned in SQL
// from two templates made through the API (a metered one and a licensed one), so that seeding
// 10,000 costs seconds; their usage goes through recordMeterEvents. The close must be exact:
// every subscription invoiced once, every metered line equal to its customer's recorded calls.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Prisma } from "../../src/generated/prisma/client.js";
import type { Api } from "../lib/api.js";
import type { DirectSql } from "../lib/database.js";
import { withDatabase, type Session } from "../lib/session.js";
import { api } from "../lib/api.js";

const DAY = 24 * 3_600_000;
const BATCH = 1_000;

export interface CloseResult {
  subscriptions: number;
  /** From the period end to the last invoice, in ms. */
  closeMs: number;
  /** The set-based reference, in ms. */
  referenceMs: number;
}

interface Templates {
  accountId: string;
  meterId: string;
  eventName: string;
  graduatedPriceId: string;
  metered: { customerId: string; subscriptionId: string };
  licensed: { customerId: string; subscriptionId: string };
}

/** A webhook receiver answering 200 at once: the dispatcher delivers during the close, as in production. */
async function receiver(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks` };
}

async function templates(
  a: Api,
  stage: number,
  periodEnd: Date,
  hooksUrl: string,
): Promise<Omit<Templates, "accountId">> {
  const eventName = `close_calls_${stage}`;
  const meter = await a.mutate(
    "createMeter",
    "CreateMeterInput",
    { displayName: "Calls", eventName, aggregation: "SUM" },
    "Meter",
  );
  const product = await a.mutate("createProduct", "CreateProductInput", { name: `API ${stage}` }, "Product");
  const graduated = await a.mutate(
    "createPrice",
    "CreatePriceInput",
    {
      productId: product.id,
      currency: "usd",
      billingScheme: "TIERED",
      tiersMode: "GRADUATED",
      tiers: [
        { upTo: "10", unitAmount: "0.1" },
        { upTo: null, unitAmount: "0.05" },
      ],
      recurring: { interval: "DAY", usageType: "METERED", meterId: meter.id },
    },
    "Price",
  );
  const licence = await a.mutate(
    "createPrice",
    "CreatePriceInput",
    { productId: product.id, currency: "usd", unitAmount: "3", recurring: { interval: "DAY", usageType: "LICENSED" } },
    "Price",
  );
  if (stage === 0) {
    await a.mutate(
      "createWebhookEndpoint",
      "CreateWebhookEndpointInput",
      { url: hooksUrl, enabledEvents: ["invoice.created", "invoice.finalized"] },
      "WebhookEndpointWithSecret",
      "secret",
    );
  }
  const startDate = new Date(periodEnd.getTime() - DAY).toISOString();
  const subscribe = async (items: Array<{ priceId: string }>) => {
    const customer = await a.mutate("createCustomer", "CreateCustomerInput", { name: "Template" }, "Customer");
    const subscription = await a.mutate(
      "createSubscription",
      "CreateSubscriptionInput",
      { customerId: customer.id, startDate, items },
      "Subscription",
    );
    return { customerId: customer.id as string, subscriptionId: subscription.id as string };
  };
  const metered = await subscribe([{ priceId: graduated.id }, { priceId: licence.id }]);
  await a.mutate(
    "createCreditGrant",
    "CreateCreditGrantInput",
    {
      customerId: metered.customerId,
      name: "Prepaid",
      amount: { amount: "1", currency: "usd" },
      category: "PAID",
      scope: { allMeteredPrices: true },
    },
    "CreditGrant",
  );
  await a.mutate(
    "createUsageAlert",
    "CreateUsageAlertInput",
    { title: "Busy", meterId: meter.id, customerId: metered.customerId, threshold: "1000000", recurrence: "ONE_TIME" },
    "UsageAlert",
  );
  return {
    meterId: meter.id,
    eventName,
    graduatedPriceId: graduated.id,
    metered,
    licensed: await subscribe([{ priceId: licence.id }]),
  };
}

/**
 * Copies of a template's row in `table`, one per clone number in [1, n]: every column as the
 * template's but those `overrides` give (SQL expressions of the clone number `g`).
 */
function cloneRows(table: string, where: string, n: number, overrides: Record<string, string>): string {
  const set = Object.entries(overrides)
    .map(([column, expression]) => `'${column}', ${expression}`)
    .join(", ");
  return `INSERT INTO "${table}" SELECT (jsonb_populate_record(NULL::"${table}", to_jsonb(t) || jsonb_build_object(${set}))).*
    FROM "${table}" t, generate_series(1, ${n}) g WHERE ${where}`;
}

/** Clone g (1…n) of the template: odd g metered, even g licensed; every tenth also gets the credit grant and the alert. */
async function cloneSubscriptions(db: DirectSql, t: Templates, stage: number, n: number): Promise<void> {
  const tag = `mec${stage}x`;
  const customer = `'cus_${tag}' || g`;
  const template = (g: string) =>
    `CASE WHEN ${g} % 2 = 1 THEN '${t.metered.customerId}' ELSE '${t.licensed.customerId}' END`;
  const sub = (g: string) =>
    `CASE WHEN ${g} % 2 = 1 THEN '${t.metered.subscriptionId}' ELSE '${t.licensed.subscriptionId}' END`;
  await db.transaction(async (tx) => {
    const run = (sql: string) => tx.$executeRaw(Prisma.raw(sql));
    await run(cloneRows("Customer", `t."id" = ${template("g")}`, n, { id: customer, name: `'Customer ' || g` }));
    await run(cloneRows("Subscription", `t."id" = ${sub("g")}`, n, { id: `'sub_${tag}' || g`, customerId: customer }));
    await run(
      cloneRows("SubscriptionItem", `t."subscriptionId" = ${sub("g")}`, n, {
        id: `'si_${tag}' || g || 'p' || t."position"`,
        subscriptionId: `'sub_${tag}' || g`,
      }),
    );
    const tenth = `g % 10 = 1 AND t."customerId" = '${t.metered.customerId}'`;
    await run(cloneRows("CreditGrant", tenth, n, { id: `'cg_${tag}' || g`, customerId: customer }));
    await run(
      cloneRows("CreditBalanceTransaction", tenth, n, {
        id: `'cbt_${tag}' || g`,
        customerId: customer,
        grantId: `'cg_${tag}' || g`,
        seq: `nextval(pg_get_serial_sequence('"CreditBalanceTransaction"', 'seq'))`,
      }),
    );
    await run(cloneRows("UsageAlert", tenth, n, { id: `'alrt_${tag}' || g`, customerId: customer }));
  });
}

/** The calls of clone g (odd g only): g mod 40 + 1, so some stay within the first tier and most pass it. */
const calls = (g: number) => (g % 40) + 1;

async function recordUsage(a: Api, t: Templates, stage: number, n: number, at: Date): Promise<void> {
  const events = [];
  for (let g = 1; g <= n; g += 2) {
    events.push({
      eventName: t.eventName,
      customerId: `cus_mec${stage}x${g}`,
      value: String(calls(g)),
      identifier: `close-${stage}-${g}`,
      timestamp: at.toISOString(),
    });
  }
  for (let i = 0; i < events.length; i += BATCH) {
    const { recordMeterEvents } = await a.gql<{ recordMeterEvents: { accepted: number } }>(
      `mutation($input: RecordMeterEventsInput!) { recordMeterEvents(input: $input) { ... on RecordMeterEventsSummary { accepted } } }`,
      { input: { events: events.slice(i, i + BATCH) } },
    );
    if (recordMeterEvents.accepted !== Math.min(BATCH, events.length - i))
      throw new Error(`month-end-close: only ${recordMeterEvents.accepted} events accepted`);
  }
}

/** The reference: the cycle invoices and their lines of every subscription due, in one statement. */
function referenceStatement(t: Templates, stage: number, due: Date): string {
  // The stage's own subscriptions only: other figures' (a test clock's among them) share the account.
  return `WITH due AS (
      SELECT s."id", s."customerId", s."currentPeriodStart" AS ps, s."currentPeriodEnd" AS pe, row_number() OVER (ORDER BY s."id") AS n
      FROM "Subscription" s
      WHERE s."accountId" = '${t.accountId}' AND s."mode" = 'test' AND s."status" = 'ACTIVE' AND s."currentPeriodEnd" <= '${due.toISOString()}'
        AND (s."id" LIKE 'sub_mec${stage}x%' OR s."id" IN ('${t.metered.subscriptionId}', '${t.licensed.subscriptionId}'))
    ),
    used AS (
      SELECT due."id", coalesce(sum(e."value"), 0) AS q
      FROM due JOIN "SubscriptionItem" i ON i."subscriptionId" = due."id" AND i."priceId" = '${t.graduatedPriceId}'
      LEFT JOIN "MeterEvent" e ON e."accountId" = '${t.accountId}' AND e."mode" = 'test' AND e."meterId" = '${t.meterId}'
        AND e."customerId" = due."customerId" AND e."timestamp" >= due.ps AND e."timestamp" < due.pe AND e."canceledAt" IS NULL
      GROUP BY due."id"
    ),
    lines AS (
      SELECT due."id" AS sid, 0 AS position, 'LICENSE'::"InvoiceLineKind" AS kind, i."priceId", NULL::int AS tier,
             1::numeric AS quantity, p."unitAmount", p."unitAmount" AS amount, due.pe AS ls, due.pe + interval '1 day' AS le
      FROM due JOIN "SubscriptionItem" i ON i."subscriptionId" = due."id" JOIN "Price" p ON p."id" = i."priceId"
      WHERE p."unitAmount" IS NOT NULL AND i."priceId" <> '${t.graduatedPriceId}'
      UNION ALL
      SELECT used."id", 1, 'USAGE', '${t.graduatedPriceId}', 1, least(used.q, 10), 0.1, round(least(used.q, 10) * 0.1, 2), due.ps, due.pe
      FROM used JOIN due ON due."id" = used."id"
      UNION ALL
      SELECT used."id", 2, 'USAGE', '${t.graduatedPriceId}', 2, greatest(used.q - 10, 0), 0.05, round(greatest(used.q - 10, 0) * 0.05, 2), due.ps, due.pe
      FROM used JOIN due ON due."id" = used."id"
    ),
    totals AS (SELECT sid, sum(amount) AS subtotal FROM lines GROUP BY sid),
    invoices AS (
      INSERT INTO "Invoice" ("id", "accountId", "mode", "number", "customerId", "subscriptionId", "billingReason", "status", "currency",
                             "periodStart", "periodEnd", "subtotal", "creditsApplied", "total", "amountDue", "amountRemaining",
                             "subtotalExcludingTax", "totalExcludingTax", "dueDate", "createdAt", "finalizedAt")
      SELECT 'in_ref_' || due.n, '${t.accountId}', 'test', 'REF-' || due.n, due."customerId", due."id", 'SUBSCRIPTION_CYCLE', 'OPEN', 'usd',
             due.ps, due.pe, totals.subtotal, 0, totals.subtotal, totals.subtotal, totals.subtotal, totals.subtotal, totals.subtotal,
             now() + interval '30 days', now(), now()
      FROM due JOIN totals ON totals.sid = due."id"
      RETURNING "id", "subscriptionId"
    )
    INSERT INTO "InvoiceLine" ("id", "accountId", "mode", "invoiceId", "position", "kind", "description", "priceId", "tier",
                               "quantity", "unitAmount", "amount", "periodStart", "periodEnd")
    SELECT invoices."id" || '_' || lines.position, '${t.accountId}', 'test', invoices."id", lines.position, lines.kind, 'Line',
           lines."priceId", lines.tier, lines.quantity, lines."unitAmount", lines.amount, lines.ls, lines.le
    FROM lines JOIN invoices ON invoices."subscriptionId" = lines.sid`;
}

async function timeReference(db: DirectSql, t: Templates, stage: number, due: Date): Promise<number> {
  await db.query("BEGIN");
  try {
    const start = performance.now();
    await db.query(referenceStatement(t, stage, due));
    return performance.now() - start;
  } finally {
    await db.query("ROLLBACK");
  }
}

/** Moves the stage's periods (clones and templates) to end at `to`, starting a day before. */
async function moveEnd(db: DirectSql, t: Templates, from: Date, to: Date): Promise<void> {
  await db.query(
    `UPDATE "Subscription" SET "startDate" = "startDate" + $3::interval, "billingCycleAnchor" = "billingCycleAnchor" + $3::interval,
       "currentPeriodStart" = "currentPeriodStart" + $3::interval, "currentPeriodEnd" = "currentPeriodEnd" + $3::interval
     WHERE "accountId" = $1 AND "currentPeriodEnd" = $2`,
    [t.accountId, from.toISOString(), `${to.getTime() - from.getTime()} milliseconds`],
  );
}

/** Every clone invoiced once for the period, its usage lines equal to its calls through the tiers. */
async function checkExact(db: DirectSql, stage: number, n: number): Promise<void> {
  const rows = await db.query<{ sid: string; invoices: string; quantity: string | null; amount: string | null }>(
    `SELECT s."id" AS sid, count(DISTINCT i."id")::text AS invoices,
            trim_scale(sum(l."quantity") FILTER (WHERE l."kind" = 'USAGE'))::text AS quantity,
            (sum(l."amount") FILTER (WHERE l."kind" = 'USAGE'))::numeric(20, 2)::text AS amount
     FROM "Subscription" s
     LEFT JOIN "Invoice" i ON i."subscriptionId" = s."id" AND i."billingReason" = 'SUBSCRIPTION_CYCLE'
     LEFT JOIN "InvoiceLine" l ON l."invoiceId" = i."id"
     WHERE s."id" LIKE $1 GROUP BY s."id"`,
    [`sub_mec${stage}x%`],
  );
  if (rows.length !== n) throw new Error(`month-end-close: ${rows.length} of ${n} clones found`);
  for (const row of rows) {
    const g = Number(row.sid.slice(`sub_mec${stage}x`.length));
    if (row.invoices !== "1") throw new Error(`month-end-close: ${row.sid} has ${row.invoices} cycle invoices`);
    if (g % 2 === 0) continue;
    const q = calls(g);
    const cents = Math.min(q, 10) * 10 + Math.max(q - 10, 0) * 5;
    if (row.quantity !== String(q) || row.amount !== (cents / 100).toFixed(2))
      throw new Error(
        `month-end-close: ${row.sid} billed ${row.quantity} for ${row.amount}, not ${q} for ${cents / 100}`,
      );
  }
}

async function cycleInvoices(db: DirectSql, accountId: string, stage: number): Promise<number> {
  const [row] = await db.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM "Invoice" WHERE "accountId" = $1 AND "billingReason" = 'SUBSCRIPTION_CYCLE' AND "subscriptionId" LIKE $2`,
    [accountId, `sub_mec${stage}x%`],
  );
  return Number(row!.n);
}

/**
 * One stage per size, in order, on the session's database and account. The scheduler runs as in
 * production, waking at the next period end (billing-cycle/scheduler.ts), with an interval of one
 * second only so that it sees within a second the period ends this figure moves in SQL (in
 * production a period's end is known a period ahead). On PGlite (single-process) completion is
 * watched through the API, on PostgreSQL by counting invoices: each commits with its events and
 * their webhook outbox rows, whose delivery is not waited for.
 */
export async function monthEndClose(session: Session, sizes: number[]): Promise<CloseResult[]> {
  const hooks = await receiver();
  const results: CloseResult[] = [];
  try {
    await session.server.stop();
    session.server = await session.server.restart({
      TALLY_BILLING_INTERVAL_SECONDS: "1",
      TALLY_WEBHOOK_ALLOW_PRIVATE: "true",
      TALLY_MIGRATE_ON_START: "0",
    });
    session.api = api(session.server.url, session.api.key);
    for (const [stage, n] of sizes.entries()) {
      // Made with a period ending in an hour, so seeding cannot overrun it; then moved to end now.
      const seededEnd = new Date(Date.now() + 3_600_000);
      const made = await templates(session.api, stage, seededEnd, hooks.url);
      const t: Templates = { ...made, accountId: "" };
      await withDatabase(session, async (db) => {
        const [meter] = await db.query<{ accountId: string }>(`SELECT "accountId" FROM "Meter" WHERE "id" = $1`, [
          t.meterId,
        ]);
        t.accountId = meter!.accountId;
        await cloneSubscriptions(db, t, stage, n);
      });
      await recordUsage(session.api, t, stage, n, new Date(Date.now() - 3_600_000));
      // PGlite's server restarts after the move: its first scheduler run is at start.
      const periodEnd = new Date(Date.now() + (session.target.kind === "pglite" ? 10_000 : 2_000));
      const referenceMs = await withDatabase(session, async (db) => {
        const ms = await timeReference(db, t, stage, seededEnd);
        await moveEnd(db, t, seededEnd, periodEnd);
        return ms;
      });
      const from = Math.max(Date.now(), periodEnd.getTime());
      await new Promise((resolve) => setTimeout(resolve, from - Date.now()));
      await untilClosed(session, t, stage, n, periodEnd);
      const closeMs = Date.now() - from;
      await withDatabase(session, (db) => checkExact(db, stage, n));
      results.push({ subscriptions: n, closeMs, referenceMs });
    }
  } finally {
    hooks.server.close();
  }
  return results;
}

/** Waits until the n clones are invoiced. */
async function untilClosed(session: Session, t: Templates, stage: number, n: number, periodEnd: Date): Promise<void> {
  if (session.target.kind === "postgres") {
    const db = await session.target.open();
    try {
      while ((await cycleInvoices(db, t.accountId, stage)) < n) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await db.close();
    }
    return;
  }
  // One scheduler closes due subscriptions in id order: the last clone by id is closed last.
  const last = [...Array(n).keys()]
    .map((i) => `sub_mec${stage}x${i + 1}`)
    .sort()
    .at(-1)!;
  const periodEndOf = async () =>
    (
      await session.api.gql<{ subscription: { currentPeriodEnd: string } }>(
        `query($id: ID!) { subscription(id: $id) { currentPeriodEnd } }`,
        { id: last },
      )
    ).subscription.currentPeriodEnd;
  while (Date.parse(await periodEndOf()) === periodEnd.getTime()) await new Promise((r) => setTimeout(r, 50));
}
