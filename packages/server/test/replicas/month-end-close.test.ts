// A month-end close cut off by kill -9 (docs/concepts/subscriptions.md#what-each-invoice-carries):
// many subscriptions reach their period end together, the server closing them is killed halfway,
// and a second server started afterwards finishes the close. Each period is invoiced once, with
// its exact usage, numbers stay gap-free, and each invoice has its two events, once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  data,
  eventually,
  migrate,
  newAccount,
  type Replica,
  type ScratchDatabase,
  scratchDatabase,
  sleep,
  startReplica,
} from "./support/replicas.js";

const SUBSCRIPTIONS = 240;
const SCHEDULER = { TALLY_BILLING_INTERVAL_SECONDS: "1" };
let db: ScratchDatabase;
const started: Replica[] = [];

beforeAll(async () => {
  db = await scratchDatabase();
  await migrate(db.url);
}, 180_000);

afterAll(async () => {
  await Promise.all(started.map((r) => r.stop()));
  await db?.drop();
});

async function start(): Promise<Replica> {
  const replica = await startReplica(db.url, SCHEDULER);
  started.push(replica);
  return replica;
}

async function count(sql: string, params: unknown[]): Promise<number> {
  return Number((await db.sql.query<{ n: string }>(sql, params)).rows[0]!.n);
}

const MUTATION = (field: string, input: string, type: string) =>
  `mutation ($input: ${input}!) { ${field}(input: $input) { ... on ${type} { id } ... on Error { code message } } }`;

describe("month-end close", () => {
  it("killed halfway, it is finished by the next server: one invoice per period, exact usage, gap-free numbers, events once", async () => {
    const first = await start();
    const { accountId, key } = await newAccount(first.url, "Month end");
    const create = async (field: string, input: string, type: string, value: Record<string, unknown>) => {
      const created = (await data(first.url, key, MUTATION(field, input, type), { input: value }))[field];
      if (!created.id) throw new Error(JSON.stringify(created));
      return created.id as string;
    };
    const meterId = await create("createMeter", "CreateMeterInput", "Meter", {
      displayName: "Calls",
      eventName: "month_end_calls",
      aggregation: "SUM",
    });
    const productId = await create("createProduct", "CreateProductInput", "Product", { name: "API" });
    const graduated = await create("createPrice", "CreatePriceInput", "Price", {
      productId,
      currency: "usd",
      billingScheme: "TIERED",
      tiersMode: "GRADUATED",
      tiers: [
        { upTo: "10", unitAmount: "0.1" },
        { upTo: null, unitAmount: "0.05" },
      ],
      recurring: { interval: "DAY", usageType: "METERED", meterId },
    });
    const licence = await create("createPrice", "CreatePriceInput", "Price", {
      productId,
      currency: "usd",
      unitAmount: "3",
      recurring: { interval: "DAY", usageType: "LICENSED" },
    });

    const databaseNow = async () => (await db.sql.query<{ now: Date }>("SELECT now() AS now")).rows[0]!.now.getTime();
    const customers: string[] = [];
    for (let i = 0; i < SUBSCRIPTIONS; i += 40) {
      customers.push(
        ...(await Promise.all(
          Array.from({ length: 40 }, (_, j) =>
            create("createCustomer", "CreateCustomerInput", "Customer", { name: `Customer ${i + j}` }),
          ),
        )),
      );
    }
    // Customer k of the metered half used k + 1 calls a minute ago: some below the first tier's end, most past it.
    const usedAt = new Date((await databaseNow()) - 60_000).toISOString();
    const events = customers.flatMap((customerId, k) =>
      k % 2 === 0
        ? [
            {
              eventName: "month_end_calls",
              customerId,
              value: String(k + 1),
              identifier: `month-end-${k}`,
              timestamp: usedAt,
            },
          ]
        : [],
    );
    const recorded = await data(
      first.url,
      key,
      `mutation ($input: RecordMeterEventsInput!) { recordMeterEvents(input: $input) { ... on RecordMeterEventsSummary { accepted } } }`,
      { input: { events } },
    );
    expect(recorded.recordMeterEvents.accepted).toBe(events.length);

    // Every period (a day, begun yesterday) ends at the same instant, 20 s from now.
    const startDate = new Date((await databaseNow()) - 24 * 3600_000 + 20_000).toISOString();
    await Promise.all(
      customers.map((customerId, k) =>
        create("createSubscription", "CreateSubscriptionInput", "Subscription", {
          customerId,
          startDate,
          items: k % 2 === 0 ? [{ priceId: graduated }, { priceId: licence }] : [{ priceId: licence }],
        }),
      ),
    );

    const cycleInvoices = () =>
      count(`SELECT count(*) AS n FROM "Invoice" WHERE "accountId" = $1 AND "billingReason" = 'SUBSCRIPTION_CYCLE'`, [
        accountId,
      ]);
    await eventually(async () => (await cycleInvoices()) >= SUBSCRIPTIONS / 8, 90_000, "the close under way");
    await first.kill();
    const atKill = await cycleInvoices();
    expect(first.child.signalCode).toBe("SIGKILL");
    expect(atKill).toBeLessThan(SUBSCRIPTIONS);

    await start();
    await eventually(async () => (await cycleInvoices()) >= SUBSCRIPTIONS, 120_000, "the close finished");
    await sleep(3_000); // more scheduler rounds: nothing more may be invoiced
    expect(await cycleInvoices()).toBe(SUBSCRIPTIONS);
    expect(
      await count(
        `SELECT count(*) AS n FROM (SELECT "subscriptionId" FROM "Invoice" WHERE "accountId" = $1
           AND "billingReason" = 'SUBSCRIPTION_CYCLE' GROUP BY "subscriptionId" HAVING count(*) > 1) d`,
        [accountId],
      ),
    ).toBe(0);

    // Gap-free numbers over every invoice of the account (the creation invoices too).
    const numbers = (
      await db.sql.query<{ number: string }>(
        `SELECT "number" FROM "Invoice" WHERE "accountId" = $1 AND "number" IS NOT NULL ORDER BY "number"`,
        [accountId],
      )
    ).rows.map((r) => Number(r.number.replace("INV-", "")));
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));

    // Each metered customer's cycle invoice bills its calls through the graduated tiers, exactly.
    const usage = await db.sql.query<{ customerId: string; quantity: string; amount: string }>(
      `SELECT i."customerId", trim_scale(sum(l."quantity"))::text AS quantity, sum(l."amount")::numeric(20, 2)::text AS amount
       FROM "Invoice" i JOIN "InvoiceLine" l ON l."invoiceId" = i."id"
       WHERE i."accountId" = $1 AND i."billingReason" = 'SUBSCRIPTION_CYCLE' AND l."priceId" = $2
       GROUP BY i."customerId"`,
      [accountId, graduated],
    );
    const billed = new Map(usage.rows.map((r) => [r.customerId, r]));
    for (const [k, customerId] of customers.entries()) {
      if (k % 2 !== 0) {
        expect(billed.has(customerId)).toBe(false);
        continue;
      }
      const calls = k + 1;
      const cents = Math.min(calls, 10) * 10 + Math.max(calls - 10, 0) * 5;
      expect(billed.get(customerId)).toMatchObject({ quantity: String(calls) });
      expect(billed.get(customerId)!.amount).toBe((cents / 100).toFixed(2));
    }

    // invoice.created and invoice.finalized once per invoice, none for an invoice that does not exist.
    const events_ = await db.sql.query<{ type: string; n: string; invoices: string }>(
      `SELECT e."type", count(*) AS n, count(DISTINCT i."id") AS invoices FROM "Event" e
       LEFT JOIN "Invoice" i ON i."id" = e."data"->>'id'
       WHERE e."accountId" = $1 AND e."type" IN ('invoice.created', 'invoice.finalized') GROUP BY e."type"`,
      [accountId],
    );
    const invoices = await count(`SELECT count(*) AS n FROM "Invoice" WHERE "accountId" = $1`, [accountId]);
    expect(events_.rows.map((r) => [r.type, Number(r.n), Number(r.invoices)]).sort()).toEqual([
      ["invoice.created", invoices, invoices],
      ["invoice.finalized", invoices, invoices],
    ]);
  });
});
