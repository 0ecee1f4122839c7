// updateSubscription through the API, driven by test clocks (docs/concepts/subscriptions.md#changing-a-subscription):
// licensed prorations with each prorationBehavior, downgrade, quantity, the metered split with
// tiers restarting, undoing a cancel at period end, typed errors, and a change racing a period close
// and an event batch. Amounts are computed by hand in each test.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./support/app.js";
import { graphql } from "./generated/gql.js";
import type { SubscriptionChangesInput } from "./generated/graphql.js";
import { billing, summary, type Billing, type Obj } from "./support/billing.js";
import { meterEvents } from "./support/meter-events.js";

const PREVIEW_CHANGES = graphql(`
  query SubscriptionChangesPreview($id: ID!, $changes: SubscriptionChangesInput) {
    previewInvoice(subscriptionId: $id, subscriptionChanges: $changes) {
      ...BillingPreview
    }
  }
`);

let app: TestApp;
let b: Billing;
beforeAll(async () => {
  app = await createTestApp();
  b = billing(app);
});
afterAll(() => app.close());

let names = 0;
const eventName = () => `calls_${(names += 1)}`;

/** A customer on a clock at 2026-01-01 subscribed to one licensed price; the clock then at `changeAt`. */
async function licensedSubscription(unitAmount: string, changeAt: string, quantity = 1) {
  const basic = await b.licensed(unitAmount, { product: "Basic" });
  const clock = await b.clock("2026-01-01T00:00:00Z");
  const customer = await b.customer({ testClockId: clock });
  const sub = await b.subscribe({ customerId: customer, items: [{ priceId: basic, quantity }] });
  await b.advance(clock, changeAt);
  return { clock, customer, sub, itemId: sub.items[0]!.id, basic };
}

const lineSummary = (invoice: Obj) =>
  invoice.lines.map(
    (l: Obj) =>
      `${l.kind} ${l.quantity} × ${l.unitAmount} = ${l.amount.amount} [${l.periodStart.slice(0, 10)}, ${l.periodEnd.slice(0, 10)})`,
  );

describe("licensed prorations: 100 → 300 on day 16 of January (16 of 31 days left)", () => {
  // Credit 100 × 16/31 = 51.612903… → −51.61; charge 300 × 16/31 = 154.838709… → 154.84.
  it("CREATE_PRORATIONS: the next invoice carries the two PRORATION lines before February's licence", async () => {
    const { clock, sub, itemId } = await licensedSubscription("100", "2026-01-16T00:00:00Z");
    const pro = await b.licensed("300", { product: "Pro" });
    const updated = await b.update({ id: sub.id, items: [{ id: itemId, priceId: pro }] });
    expect(updated.items).toEqual([{ id: itemId, quantity: 1, price: { id: pro } }]);
    expect(await b.invoices({ subscriptionId: sub.id })).toHaveLength(1);

    const preview = await b.preview(sub.id);
    expect(summary(preview!)).toEqual({
      total: "403.23",
      lines: ["PRORATION - 1 × 100 = -51.61", "PRORATION - 1 × 300 = 154.84", "LICENSE - 1 × 300 = 300.00"],
    });
    await b.advance(clock, "2026-02-01T00:00:00Z");
    const [, cycle] = await b.invoices({ subscriptionId: sub.id });
    expect(cycle!.billingReason).toBe("SUBSCRIPTION_CYCLE");
    expect(lineSummary(cycle!)).toEqual([
      "PRORATION 1 × 100 = -51.61 [2026-01-16, 2026-02-01)",
      "PRORATION 1 × 300 = 154.84 [2026-01-16, 2026-02-01)",
      "LICENSE 1 × 300 = 300.00 [2026-02-01, 2026-03-01)",
    ]);
    expect(cycle!.lines.map((l: Obj) => l.description)).toEqual([
      "Unused time on Basic after 2026-01-16",
      "Remaining time on Pro after 2026-01-16",
      "Pro",
    ]);
    expect(cycle!.total.amount).toBe("403.23");
    // The preview was the invoice.
    expect(summary(cycle!)).toEqual(summary(preview!));
    // Billed once: the March invoice has no proration left.
    await b.advance(clock, "2026-03-01T00:00:00Z");
    expect(summary((await b.invoices({ subscriptionId: sub.id }))[2]!)).toEqual({
      total: "300.00",
      lines: ["LICENSE - 1 × 300 = 300.00"],
    });
  });

  it("ALWAYS_INVOICE: an invoice of 103.23 at once (SUBSCRIPTION_UPDATE), then February at 300", async () => {
    const { clock, sub, itemId } = await licensedSubscription("100", "2026-01-16T00:00:00Z");
    const pro = await b.licensed("300", { product: "Pro" });
    await b.tryUpdate({ id: sub.id, items: [{ id: itemId, priceId: pro }], prorationBehavior: "ALWAYS_INVOICE" });
    const [, now] = await b.invoices({ subscriptionId: sub.id });
    expect(now!).toMatchObject({
      billingReason: "SUBSCRIPTION_UPDATE",
      status: "OPEN",
      createdAt: "2026-01-16T00:00:00.000Z",
      periodStart: "2026-01-01T00:00:00.000Z",
      periodEnd: "2026-02-01T00:00:00.000Z",
    });
    expect(summary(now!)).toEqual({
      total: "103.23",
      lines: ["PRORATION - 1 × 100 = -51.61", "PRORATION - 1 × 300 = 154.84"],
    });
    await b.advance(clock, "2026-02-01T00:00:00Z");
    const invoices = await b.invoices({ subscriptionId: sub.id });
    expect(invoices).toHaveLength(3);
    expect(summary(invoices[2]!)).toEqual({ total: "300.00", lines: ["LICENSE - 1 × 300 = 300.00"] });
  });

  it("NONE: no proration; the new price from the next period", async () => {
    const { clock, sub, itemId } = await licensedSubscription("100", "2026-01-16T00:00:00Z");
    const pro = await b.licensed("300", { product: "Pro" });
    await b.tryUpdate({ id: sub.id, items: [{ id: itemId, priceId: pro }], prorationBehavior: "NONE" });
    await b.advance(clock, "2026-02-01T00:00:00Z");
    const invoices = await b.invoices({ subscriptionId: sub.id });
    expect(invoices.map((i) => i.billingReason)).toEqual(["SUBSCRIPTION_CREATE", "SUBSCRIPTION_CYCLE"]);
    expect(summary(invoices[1]!)).toEqual({ total: "300.00", lines: ["LICENSE - 1 × 300 = 300.00"] });
  });

  it("records customer.subscription.updated with the earlier items in previousAttributes", async () => {
    const { sub, itemId, basic } = await licensedSubscription("100", "2026-01-16T00:00:00Z");
    const pro = await b.licensed("300", { product: "Pro" });
    await b.tryUpdate({ id: sub.id, items: [{ id: itemId, priceId: pro }] });
    const event = await app.database.prisma.event.findFirst({
      where: { type: "customer.subscription.updated" },
      orderBy: { seq: "desc" },
    });
    expect(event?.data).toMatchObject({ id: sub.id, items: [{ id: itemId, priceId: pro, quantity: 1 }] });
    expect(event?.previousAttributes).toEqual({ items: [{ id: itemId, priceId: basic, quantity: 1 }] });
  });
});

describe("downgrade and quantity", () => {
  it("a downgrade 300 → 100 on Jan 26 (6 of 31 days left) with ALWAYS_INVOICE: no invoice now, the credit lowers February's", async () => {
    // Credit 300 × 6/31 = 58.064516… → −58.06; charge 100 × 6/31 = 19.354838… → 19.35; net −38.71.
    const { clock, sub, itemId } = await licensedSubscription("300", "2026-01-26T00:00:00Z");
    const basic = await b.licensed("100", { product: "Basic" });
    await b.tryUpdate({ id: sub.id, items: [{ id: itemId, priceId: basic }], prorationBehavior: "ALWAYS_INVOICE" });
    expect(await b.invoices({ subscriptionId: sub.id })).toHaveLength(1);
    await b.advance(clock, "2026-02-01T00:00:00Z");
    const invoices = await b.invoices({ subscriptionId: sub.id });
    expect(invoices).toHaveLength(2);
    expect(summary(invoices[1]!)).toEqual({
      total: "61.29",
      lines: ["PRORATION - 1 × 300 = -58.06", "PRORATION - 1 × 100 = 19.35", "LICENSE - 1 × 100 = 100.00"],
    });
  });

  it("quantity 1 → 5 of a 10.00 seat on Jan 16: −5.16 and +25.81 now, then 50.00 a month", async () => {
    // 10 × 16/31 = 5.161290… → 5.16; 50 × 16/31 = 25.806451… → 25.81.
    const { clock, sub, itemId } = await licensedSubscription("10", "2026-01-16T00:00:00Z");
    const updated = await b.update({
      id: sub.id,
      items: [{ id: itemId, quantity: 5 }],
      prorationBehavior: "ALWAYS_INVOICE",
    });
    expect(updated.items).toEqual([{ id: itemId, quantity: 5, price: expect.anything() }]);
    await b.advance(clock, "2026-02-01T00:00:00Z");
    const invoices = await b.invoices({ subscriptionId: sub.id });
    expect(invoices.map(summary)).toEqual([
      { total: "10.00", lines: ["LICENSE - 1 × 10 = 10.00"] },
      { total: "20.65", lines: ["PRORATION - 1 × 10 = -5.16", "PRORATION - 5 × 10 = 25.81"] },
      { total: "50.00", lines: ["LICENSE - 5 × 10 = 50.00"] },
    ]);
  });

  it("adding and removing items: a new licensed item is charged for the rest of the period, a removed one credited", async () => {
    // Add 31.00 on Jan 16: 31 × 16/31 = 16.00; remove 100 on Jan 16: −51.61.
    const { clock, sub, itemId } = await licensedSubscription("100", "2026-01-16T00:00:00Z");
    const addon = await b.licensed("31", { product: "Add-on" });
    const updated = await b.update({ id: sub.id, items: [{ priceId: addon }, { id: itemId, deleted: true }] });
    expect(updated.items.map((i: Obj) => i.price.id)).toEqual([addon]);
    await b.advance(clock, "2026-02-01T00:00:00Z");
    const [, cycle] = await b.invoices({ subscriptionId: sub.id });
    expect(summary(cycle!)).toEqual({
      total: "-4.61",
      lines: ["PRORATION - 1 × 100 = -51.61", "PRORATION - 1 × 31 = 16.00", "LICENSE - 1 × 31 = 31.00"],
    });
  });
});

describe("metered items: the split (docs/concepts/subscriptions.md#metered-items-and-changes)", () => {
  const graduated = (unitAmount: string) => ({
    billingScheme: "TIERED",
    tiersMode: "GRADUATED",
    tiers: [
      { upTo: "1000", unitAmount: "0" },
      { upTo: null, unitAmount },
    ],
  });

  async function meteredSubscription() {
    const name = eventName();
    const meter = await b.meter(name);
    const old = await b.metered(meter, graduated("0.04"), { product: "Calls" });
    const next = await b.metered(meter, graduated("0.03"), { product: "Calls v2" });
    const clock = await b.clock("2026-01-01T00:00:00Z");
    const customer = await b.customer({ testClockId: clock });
    const sub = await b.subscribe({ customerId: customer, items: [{ priceId: old }] });
    await b.advance(clock, "2026-01-16T00:00:00Z");
    await b.record({ eventName: name, customerId: customer, value: "1500", timestamp: "2026-01-05T00:00:00Z" });
    return { name, meter, old, next, clock, customer, sub, itemId: sub.items[0]!.id };
  }

  it("CREATE_PRORATIONS: usage before the swap at the old price (late events included), after it at the new one from tier 1", async () => {
    const { name, next, clock, customer, sub, itemId, old } = await meteredSubscription();
    await b.tryUpdate({ id: sub.id, items: [{ id: itemId, priceId: next }] });
    // Late, but before the swap: billed at the old price. At the swap instant: the new price.
    await b.record({ eventName: name, customerId: customer, value: "100", timestamp: "2026-01-10T00:00:00Z" });
    await b.record({ eventName: name, customerId: customer, value: "1300", timestamp: "2026-01-16T00:00:00Z" });
    await b.advance(clock, "2026-02-01T00:00:00Z");
    const [cycle] = await b.invoices({ subscriptionId: sub.id });
    // Old: 1600 → 600 × 0.04 = 24.00; new: 1300 → 300 × 0.03 = 9.00.
    expect(lineSummary(cycle!)).toEqual([
      "USAGE 1000 × 0 = 0.00 [2026-01-01, 2026-01-16)",
      "USAGE 600 × 0.04 = 24.00 [2026-01-01, 2026-01-16)",
      "USAGE 1000 × 0 = 0.00 [2026-01-16, 2026-02-01)",
      "USAGE 300 × 0.03 = 9.00 [2026-01-16, 2026-02-01)",
    ]);
    expect(cycle!.lines.map((l: Obj) => l.price.id)).toEqual([old, old, next, next]);
    expect(cycle!.total.amount).toBe("33.00");
  });

  it("ALWAYS_INVOICE: the old price's usage is invoiced at once and then settled; the new price bills the rest", async () => {
    const { name, next, clock, customer, sub, itemId } = await meteredSubscription();
    await b.tryUpdate({ id: sub.id, items: [{ id: itemId, priceId: next }], prorationBehavior: "ALWAYS_INVOICE" });
    const [now] = await b.invoices({ subscriptionId: sub.id });
    expect(now!.billingReason).toBe("SUBSCRIPTION_UPDATE");
    // 1500 → 500 × 0.04 = 20.00.
    expect(lineSummary(now!)).toEqual([
      "USAGE 1000 × 0 = 0.00 [2026-01-01, 2026-01-16)",
      "USAGE 500 × 0.04 = 20.00 [2026-01-01, 2026-01-16)",
    ]);
    // A late event before the swap would be billed by nobody now: refused, not lost.
    const late = await meterEvents(app).record({
      eventName: name,
      customerId: customer,
      value: "100",
      timestamp: "2026-01-10T00:00:00Z",
    });
    expect(late).toMatchObject({ __typename: "MeterEventError", code: "EVENT_ALREADY_INVOICED" });
    await b.advance(clock, "2026-01-20T00:00:00Z");
    await b.record({ eventName: name, customerId: customer, value: "1300", timestamp: "2026-01-20T00:00:00Z" });
    await b.advance(clock, "2026-02-01T00:00:00Z");
    const invoices = await b.invoices({ subscriptionId: sub.id });
    expect(invoices).toHaveLength(2);
    expect(lineSummary(invoices[1]!)).toEqual([
      "USAGE 1000 × 0 = 0.00 [2026-01-16, 2026-02-01)",
      "USAGE 300 × 0.03 = 9.00 [2026-01-16, 2026-02-01)",
    ]);
  });

  it("removing a metered item bills its usage so far on the next invoice", async () => {
    const { clock, sub, itemId } = await meteredSubscription();
    const fee = await b.licensed("31", { product: "Fee" });
    await b.tryUpdate({
      id: sub.id,
      items: [{ id: itemId, deleted: true }, { priceId: fee }],
      prorationBehavior: "NONE",
    });
    await b.advance(clock, "2026-02-01T00:00:00Z");
    const [cycle] = await b.invoices({ subscriptionId: sub.id });
    expect(summary(cycle!)).toEqual({
      total: "51.00",
      lines: ["USAGE 1 1000 × 0 = 0.00", "USAGE 2 500 × 0.04 = 20.00", "LICENSE - 1 × 31 = 31.00"],
    });
  });
});

describe("billingCycleAnchor: NOW", () => {
  it("ends the period at now with an invoice (usage so far, unused licence credited, the new full period), then cycles from now", async () => {
    const name = eventName();
    const meter = await b.meter(name);
    const calls = await b.metered(meter, { unitAmount: "0.01" }, { product: "Calls" });
    const seat = await b.licensed("31", { product: "Seat" });
    const clock = await b.clock("2026-01-01T00:00:00Z");
    const customer = await b.customer({ testClockId: clock });
    const sub = await b.subscribe({ customerId: customer, items: [{ priceId: seat }, { priceId: calls }] });
    await b.advance(clock, "2026-01-16T00:00:00Z");
    await b.record({ eventName: name, customerId: customer, value: "1000", timestamp: "2026-01-10T00:00:00Z" });
    const reset = await b.update({ id: sub.id, billingCycleAnchor: "NOW" });
    expect(reset).toMatchObject({
      billingCycleAnchor: "2026-01-16T00:00:00.000Z",
      currentPeriodStart: "2026-01-16T00:00:00.000Z",
      currentPeriodEnd: "2026-02-16T00:00:00.000Z",
    });
    // Credit 31 × 16/31 = −16.00; usage 1000 × 0.01 = 10.00; seat for [Jan 16, Feb 16) = 31.00.
    const [, now] = await b.invoices({ subscriptionId: sub.id });
    expect(now!.billingReason).toBe("SUBSCRIPTION_UPDATE");
    expect(lineSummary(now!)).toEqual([
      "PRORATION 1 × 31 = -16.00 [2026-01-16, 2026-02-01)",
      "USAGE 1000 × 0.01 = 10.00 [2026-01-01, 2026-01-16)",
      "LICENSE 1 × 31 = 31.00 [2026-01-16, 2026-02-16)",
    ]);
    expect(now!.total.amount).toBe("25.00");
    await b.advance(clock, "2026-01-20T00:00:00Z");
    await b.record({ eventName: name, customerId: customer, value: "500", timestamp: "2026-01-20T00:00:00Z" });
    await b.advance(clock, "2026-02-16T00:00:00Z");
    const invoices = await b.invoices({ subscriptionId: sub.id });
    expect(invoices).toHaveLength(3);
    expect(lineSummary(invoices[2]!)).toEqual([
      "USAGE 500 × 0.01 = 5.00 [2026-01-16, 2026-02-16)",
      "LICENSE 1 × 31 = 31.00 [2026-02-16, 2026-03-16)",
    ]);
  });
});

describe("previewInvoice with subscriptionChanges", () => {
  const preview = async (id: string, changes: SubscriptionChangesInput) => {
    const invoice = (await app.data(PREVIEW_CHANGES, { id, changes })).previewInvoice;
    if (!invoice) throw new Error(`no preview for ${id}`);
    return invoice;
  };
  /** What a preview and the invoice it foretells share (a stored invoice also has an id, a number…). */
  const same = (invoice: Obj) => ({
    periodStart: invoice.periodStart,
    periodEnd: invoice.periodEnd,
    lines: invoice.lines.map((l: Obj) => ({
      kind: l.kind,
      description: l.description,
      price: l.price,
      quantity: l.quantity,
      unitAmount: l.unitAmount,
      amount: { amount: l.amount.amount },
      periodStart: l.periodStart,
      periodEnd: l.periodEnd,
    })),
    subtotal: { amount: invoice.subtotal.amount },
    total: { amount: invoice.total.amount },
    amountDue: { amount: invoice.amountDue.amount },
  });
  const counts = async (subscriptionId: string) => ({
    invoices: await app.database.prisma.invoice.count({ where: { subscriptionId } }),
    pending: await app.database.prisma.pendingInvoiceItem.count({ where: { subscriptionId } }),
    items: await app.database.prisma.subscriptionItem.findMany({ where: { subscriptionId }, orderBy: { id: "asc" } }),
    events: await app.database.prisma.event.count(),
  });

  it("ALWAYS_INVOICE: the preview is the invoice the change then finalizes, and stores nothing", async () => {
    const { sub, itemId } = await licensedSubscription("100", "2026-01-16T00:00:00Z");
    const pro = await b.licensed("300", { product: "Pro" });
    const changes = { items: [{ id: itemId, priceId: pro }], prorationBehavior: "ALWAYS_INVOICE" as const };
    const before = await counts(sub.id);
    const previewed = await preview(sub.id, changes);
    expect(await counts(sub.id)).toEqual(before);
    expect(previewed.total.amount).toBe("103.23");
    await b.tryUpdate({ id: sub.id, ...changes });
    const [, now] = await b.invoices({ subscriptionId: sub.id });
    expect(same(previewed)).toEqual(same(now!));
  });

  it("CREATE_PRORATIONS: the preview is the next invoice with the proration lines", async () => {
    const { clock, sub, itemId } = await licensedSubscription("100", "2026-01-16T00:00:00Z");
    const pro = await b.licensed("300", { product: "Pro" });
    const changes = { items: [{ id: itemId, priceId: pro }] };
    const previewed = await preview(sub.id, changes);
    expect(previewed.total.amount).toBe("403.23");
    await b.tryUpdate({ id: sub.id, ...changes });
    await b.advance(clock, "2026-02-01T00:00:00Z");
    const [, cycle] = await b.invoices({ subscriptionId: sub.id });
    expect(same(previewed)).toEqual(same(cycle!));
  });

  it("a change the update would refuse is an error; an unknown subscription previews as null", async () => {
    const { sub } = await licensedSubscription("100", "2026-01-16T00:00:00Z");
    const res = await app.request(PREVIEW_CHANGES, {
      id: sub.id,
      changes: { items: [{ id: "si_missing", quantity: 2 }] },
    });
    expect(res.errors?.[0]?.message).toMatch(/has no item si_missing/);
    const unknown = await app.data(PREVIEW_CHANGES, { id: "sub_missing", changes: { cancelAtPeriodEnd: true } });
    expect(unknown.previewInvoice).toBeNull();
  });
});

describe("cancelAtPeriodEnd and errors", () => {
  it("cancelAtPeriodEnd: false undoes a scheduled cancel; the subscription renews", async () => {
    const { clock, sub } = await licensedSubscription("100", "2026-01-20T00:00:00Z");
    await b.cancel(sub.id, true);
    const undone = await b.update({ id: sub.id, cancelAtPeriodEnd: false });
    expect(undone.cancelAtPeriodEnd).toBe(false);
    const event = await app.database.prisma.event.findFirst({
      where: { type: "customer.subscription.updated", data: { path: ["id"], equals: sub.id } },
      orderBy: { seq: "desc" },
    });
    expect(event?.previousAttributes).toEqual({ cancelAtPeriodEnd: true });
    await b.advance(clock, "2026-02-01T00:00:00Z");
    expect((await b.subscription(sub.id))?.status).toBe("ACTIVE");
    expect(await b.invoices({ subscriptionId: sub.id })).toHaveLength(2);
  });

  it("refuses bad changes with typed errors and stores nothing", async () => {
    const { sub, itemId } = await licensedSubscription("100", "2026-01-16T00:00:00Z");
    const eur = await b.licensed("100", { currency: "eur" });
    const yearly = await b.licensed("100", { recurring: { interval: "YEAR" } });
    const before = {
      items: await app.database.prisma.subscriptionItem.findMany({ where: { subscriptionId: sub.id } }),
      pending: await app.database.prisma.pendingInvoiceItem.count({ where: { subscriptionId: sub.id } }),
      events: await app.database.prisma.event.count(),
    };
    const cases: Array<[Obj, string, string[]]> = [
      [{ items: [{ priceId: eur }] }, "CURRENCY_MISMATCH", ["input", "items", "0", "priceId"]],
      [{ items: [{ id: itemId, priceId: yearly }] }, "INTERVAL_MISMATCH", ["input", "items", "0", "priceId"]],
      [{ items: [{ id: itemId, deleted: true }] }, "INVALID_INPUT", ["input", "items"]],
      [{ items: [{ id: "si_missing", quantity: 2 }] }, "NOT_FOUND", ["input", "items", "0", "id"]],
      [{ items: [{ id: itemId, quantity: 0 }] }, "INVALID_INPUT", ["input", "items", "0", "quantity"]],
      [
        { items: [{ id: itemId, quantity: 2 }], prorationDate: "2025-12-31T00:00:00Z" },
        "PRORATION_DATE_OUT_OF_PERIOD",
        ["input", "prorationDate"],
      ],
      [
        { items: [{ id: itemId, quantity: 2 }], prorationDate: "2026-01-17T00:00:00Z" },
        "PRORATION_DATE_OUT_OF_PERIOD",
        ["input", "prorationDate"],
      ],
    ];
    for (const [input, code, field] of cases) {
      expect(await b.tryUpdate({ id: sub.id, ...input }), JSON.stringify(input)).toMatchObject({ code, field });
    }
    expect(await app.database.prisma.subscriptionItem.findMany({ where: { subscriptionId: sub.id } })).toEqual(
      before.items,
    );
    expect(await app.database.prisma.pendingInvoiceItem.count({ where: { subscriptionId: sub.id } })).toBe(
      before.pending,
    );
    expect(await app.database.prisma.event.count()).toBe(before.events);

    await b.cancel(sub.id, false);
    expect(await b.tryUpdate({ id: sub.id, items: [{ id: itemId, quantity: 2 }] })).toMatchObject({
      code: "SUBSCRIPTION_NOT_ACTIVE",
    });
  });

  it("a proration date earlier in the period prorates from that instant", async () => {
    // On Jan 20, changed as of Jan 16: the same −51.61 / +154.84.
    const { sub, itemId } = await licensedSubscription("100", "2026-01-20T00:00:00Z");
    const pro = await b.licensed("300", { product: "Pro" });
    await b.tryUpdate({
      id: sub.id,
      items: [{ id: itemId, priceId: pro }],
      prorationBehavior: "ALWAYS_INVOICE",
      prorationDate: "2026-01-16T00:00:00Z",
    });
    const [, now] = await b.invoices({ subscriptionId: sub.id });
    expect(now!.total.amount).toBe("103.23");
  });
});

describe("concurrency: a change racing a period close and an event batch", () => {
  it("leaves no lost or duplicate line: every recorded event is billed once, the prorations once", async () => {
    const name = eventName();
    const meter = await b.meter(name);
    const old = await b.metered(meter, { unitAmount: "0.01" }, { product: "Calls" });
    const next = await b.metered(meter, { unitAmount: "0.02" }, { product: "Calls v2" });
    const seat = await b.licensed("31", { product: "Seat" });
    const clock = await b.clock("2026-01-31T00:00:00Z");
    const customer = await b.customer({ testClockId: clock });
    const sub = await b.subscribe({
      customerId: customer,
      items: [{ priceId: old }, { priceId: seat }],
      startDate: "2026-01-01T00:00:00Z",
    });
    const [metered, licensed] = sub.items.map((i: Obj) => i.id as string);
    const events = Array.from({ length: 50 }, (_, i) => ({
      eventName: name,
      customerId: customer,
      value: "1",
      identifier: `race-${i}`,
      timestamp: new Date(Date.UTC(2026, 0, 31, 0, 0, i)).toISOString(),
    }));
    const [, changed, batch] = await Promise.all([
      b.advance(clock, "2026-02-01T00:00:00Z"),
      b.tryUpdate({
        id: sub.id,
        items: [
          { id: metered, priceId: next },
          { id: licensed, quantity: 2 },
        ],
      }),
      meterEvents(app).recordMany(events),
    ]);
    expect(changed.__typename).toBe("Subscription");
    const accepted = batch.accepted!;
    await b.advance(clock, "2026-03-01T00:00:00Z");
    const invoices = await b.invoices({ subscriptionId: sub.id });
    // Each event of January billed exactly once, whichever price billed it.
    const januaryUsage = invoices
      .flatMap((i) => i.lines)
      .filter((l: Obj) => l.kind === "USAGE" && l.periodStart < "2026-02-01")
      .reduce((total: number, l: Obj) => total + Number(l.quantity), 0);
    expect(januaryUsage).toBe(accepted);
    const stored = await app.database.prisma.meterEvent.count({ where: { customerId: customer } });
    expect(stored).toBe(accepted);
    // Every pending charge was invoiced once; no invoice repeats a (reason, period end).
    expect(
      await app.database.prisma.pendingInvoiceItem.count({ where: { subscriptionId: sub.id, invoiceId: null } }),
    ).toBe(0);
    const keys = invoices
      .filter((i) => i.billingReason !== "SUBSCRIPTION_UPDATE")
      .map((i) => `${i.billingReason} ${i.periodEnd}`);
    expect(new Set(keys).size).toBe(keys.length);
    // The licence: either the change came first (1 day of January prorated, then 2 seats) or the close did (a day-0 change at Feb 1).
    const prorations = invoices.flatMap((i) => i.lines).filter((l: Obj) => l.kind === "PRORATION");
    const net = prorations.reduce((total: number, l: Obj) => total + Number(l.amount.amount), 0);
    expect([1, 31].map((days) => Math.round(days * 100))).toContain(Math.round(net * 100));
  });
});
