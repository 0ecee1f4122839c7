import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  composeInvoice,
  prorationFactor,
  subscriptionPeriod,
  sum,
  type CreditGrantState,
  type InvoiceDraft,
  type InvoiceItem,
  type InvoiceSnapshot,
  type Interval,
  type Period,
} from "../src/index.js";
import { d, decimalArb, utc } from "./support.js";

// docs/concepts/prices.md#flat-fee-and-overages: the Alpaca AI subscription, monthly from 2026-01-01, FLEXIBLE.
const monthly: Interval = { unit: "MONTH", count: 1 };
const start = utc("2026-01-01T00:00:00Z");
const january: Period = { start, end: utc("2026-02-01T00:00:00Z") };
const february: Period = { start: utc("2026-02-01T00:00:00Z"), end: utc("2026-03-01T00:00:00Z") };

const usageItem: InvoiceItem = {
  itemId: "si_usage",
  priceId: "price_usage",
  description: "Alpaca AI usage",
  usageType: "METERED",
  model: {
    scheme: "TIERED",
    tiersMode: "GRADUATED",
    tiers: [
      { upTo: d("1000"), unitAmount: d("0"), flatAmount: d("0") },
      { upTo: null, unitAmount: d("0.04"), flatAmount: d("0") },
    ],
  },
  quantity: 1,
};
const licenseItem: InvoiceItem = {
  itemId: "si_license",
  priceId: "price_license",
  description: "Alpaca AI license fee",
  usageType: "LICENSED",
  model: { scheme: "PER_UNIT", unitAmount: d("100") },
  quantity: 1,
};
const items = [usageItem, licenseItem];
const base = { currency: "usd", billingMode: "FLEXIBLE", items, grants: [] } as const;

const promo50: CreditGrantState = {
  id: "grant_promo",
  currency: "usd",
  category: "PROMOTIONAL",
  priority: 50,
  effectiveAt: start,
  expiresAt: null,
  createdAt: start,
  voidedAt: null,
  remaining: d("50"),
  scope: { allMeteredPrices: true },
};

/** A readable digest of a draft: [kind, description, quantity, amount] per line, then the totals. */
function digest(draft: InvoiceDraft) {
  return {
    lines: draft.lines.map((line) => [line.kind, line.description, line.quantity.toString(), line.amount.toFixed(2)]),
    subtotal: draft.subtotal.toFixed(2),
    creditsApplied: draft.creditsApplied.toFixed(2),
    total: draft.total.toFixed(2),
    amountDue: draft.amountDue.toFixed(2),
  };
}

const periodEnd = (quantity: string, extra: Partial<InvoiceSnapshot> = {}): InvoiceSnapshot =>
  ({
    ...base,
    kind: "PERIOD_END",
    at: january.end,
    usage: { period: january, quantities: new Map([["si_usage", d(quantity)]]) },
    license: { period: february, prorationFactor: prorationFactor(february, monthly, start) },
    ...extra,
  }) as InvoiceSnapshot;

describe("the Alpaca AI example through composeInvoice", () => {
  it("first invoice: one LICENSE line 100.00 for January (FLEXIBLE: no metered lines)", () => {
    const period = subscriptionPeriod(start, start, monthly, start);
    const draft = composeInvoice({
      ...base,
      kind: "FIRST",
      at: start,
      license: { period, prorationFactor: prorationFactor(period, monthly, start) },
    });
    expect(digest(draft)).toEqual({
      lines: [["LICENSE", "Alpaca AI license fee", "1", "100.00"]],
      subtotal: "100.00",
      creditsApplied: "0.00",
      total: "100.00",
      amountDue: "100.00",
    });
    expect([draft.periodStart, draft.periodEnd]).toEqual([january.start, january.end]);
    expect([draft.lines[0]?.periodStart, draft.lines[0]?.periodEnd]).toEqual([january.start, january.end]);
  });

  it("a trial's first invoice: each licensed item at 0 as 'Trial period for …' over the trial, however long", () => {
    // docs/concepts/subscriptions.md#trials: a 45-day trial spans two months; its window has no proration.
    const trial = { start, end: utc("2026-02-15T00:00:00Z") };
    const draft = composeInvoice({
      ...base,
      items: [usageItem, { ...licenseItem, quantity: 3 }],
      kind: "FIRST",
      at: start,
      license: { period: trial, prorationFactor: d("0"), trial: true },
    });
    expect(digest(draft)).toEqual({
      lines: [["LICENSE", "Trial period for Alpaca AI license fee", "3", "0.00"]],
      subtotal: "0.00",
      creditsApplied: "0.00",
      total: "0.00",
      amountDue: "0.00",
    });
    expect(draft.lines[0]).toMatchObject({
      unitAmount: d("0"),
      flatAmount: d("0"),
      tier: null,
      priceId: "price_license",
    });
    expect([draft.periodStart, draft.periodEnd]).toEqual([trial.start, trial.end]);
    expect([draft.lines[0]?.periodStart, draft.lines[0]?.periodEnd]).toEqual([trial.start, trial.end]);
  });

  it("at Feb 1 with 3000 tokens: usage 0.00 + 80.00 in arrears, licence 100.00 in advance = 180.00", () => {
    const draft = composeInvoice(periodEnd("3000"));
    expect(digest(draft)).toEqual({
      lines: [
        ["USAGE", "Alpaca AI usage — tier 1 (up to 1000)", "1000", "0.00"],
        ["USAGE", "Alpaca AI usage — tier 2 (above 1000)", "2000", "80.00"],
        ["LICENSE", "Alpaca AI license fee", "1", "100.00"],
      ],
      subtotal: "180.00",
      creditsApplied: "0.00",
      total: "180.00",
      amountDue: "180.00",
    });
    expect(draft.lines.map((line) => [line.tier, line.unitAmount.toString(), line.periodStart.toISOString()])).toEqual([
      [1, "0", "2026-01-01T00:00:00.000Z"],
      [2, "0.04", "2026-01-01T00:00:00.000Z"],
      [null, "100", "2026-02-01T00:00:00.000Z"],
    ]);
    expect([draft.periodStart, draft.periodEnd]).toEqual([january.start, january.end]);
  });

  it("with a 50 promotional grant: creditsApplied 50, total 130", () => {
    const draft = composeInvoice(periodEnd("3000", { grants: [promo50] }));
    expect(digest(draft)).toMatchObject({
      subtotal: "180.00",
      creditsApplied: "50.00",
      total: "130.00",
      amountDue: "130.00",
    });
    expect(draft.creditApplications.map((application) => [application.grantId, application.amount.toString()])).toEqual(
      [["grant_promo", "50"]],
    );
  });

  it("credits never pay the licence: a 500 grant covers only the 80.00 of usage", () => {
    const draft = composeInvoice(periodEnd("3000", { grants: [{ ...promo50, remaining: d("500") }] }));
    expect(digest(draft)).toMatchObject({ creditsApplied: "80.00", total: "100.00" });
  });

  it("the next preview, with no usage yet: usage 0.00 + licence 100.00", () => {
    const draft = composeInvoice({
      ...base,
      kind: "PERIOD_END",
      at: february.end,
      usage: { period: february, quantities: new Map() },
      license: { period: { start: february.end, end: utc("2026-04-01T00:00:00Z") }, prorationFactor: d("1") },
    });
    expect(digest(draft).lines).toEqual([
      ["USAGE", "Alpaca AI usage — tier 1 (up to 1000)", "0", "0.00"],
      ["LICENSE", "Alpaca AI license fee", "1", "100.00"],
    ]);
    expect(draft.total.toFixed(2)).toBe("100.00");
  });
});

describe("invoice kinds and billing modes (docs/concepts/subscriptions.md#billing-modes)", () => {
  it("CLASSIC first invoice adds a zero USAGE line per metered item for the first period", () => {
    const draft = composeInvoice({
      ...base,
      billingMode: "CLASSIC",
      kind: "FIRST",
      at: start,
      license: { period: january, prorationFactor: d("1") },
    });
    expect(digest(draft).lines).toEqual([
      ["USAGE", "Alpaca AI usage — tier 1 (up to 1000)", "0", "0.00"],
      ["LICENSE", "Alpaca AI license fee", "1", "100.00"],
    ]);
    expect(draft.lines[0]?.periodEnd).toEqual(january.end);
  });

  it("a FLEXIBLE first invoice of a metered-only subscription has no lines (no invoice is created)", () => {
    const draft = composeInvoice({
      ...base,
      items: [usageItem],
      kind: "FIRST",
      at: start,
      license: { period: january, prorationFactor: d("1") },
    });
    expect(draft.lines).toHaveLength(0);
    expect(draft.total.toString()).toBe("0");
  });

  it("a partial first period prorates licensed lines by time: 17 of 31 days of 100 = 54.84", () => {
    const lateStart = utc("2026-01-15T00:00:00Z");
    const anchor = utc("2026-02-01T00:00:00Z");
    const period = subscriptionPeriod(lateStart, anchor, monthly, lateStart);
    const draft = composeInvoice({
      ...base,
      kind: "FIRST",
      at: lateStart,
      license: { period, prorationFactor: prorationFactor(period, monthly, anchor) },
    });
    expect(digest(draft).lines).toEqual([["LICENSE", "Alpaca AI license fee (prorated)", "1", "54.84"]]);
    expect(draft.lines[0]?.unitAmount.toString()).toBe("100");
    expect([draft.periodStart, draft.periodEnd]).toEqual([lateStart, anchor]);
  });

  it("a prorated half-cent is decided by the exact product, not by the 60-digit factor (0.285 × 1/3 = 0.095 → 0.10)", () => {
    const everyThreeDays: Interval = { unit: "DAY", count: 3 };
    const period = { start, end: utc("2026-01-02T00:00:00Z") };
    const factor = prorationFactor(period, everyThreeDays, start);
    expect(factor.times("0.285").toDecimalPlaces(2).toString()).toBe("0.09"); // what a naive product would bill
    const item: InvoiceItem = { ...licenseItem, model: { scheme: "PER_UNIT", unitAmount: d("0.285") } };
    const draft = composeInvoice({
      ...base,
      items: [item],
      kind: "FIRST",
      at: start,
      license: { period, prorationFactor: factor },
    });
    expect(draft.lines[0]?.amount.toString()).toBe("0.1");
  });

  it("licensed quantities multiply, as numbers or decimal strings; tiered licences get one line per tier", () => {
    const seats: InvoiceItem = {
      ...licenseItem,
      itemId: "si_seats",
      description: "Seats",
      quantity: "12",
      model: {
        scheme: "TIERED",
        tiersMode: "VOLUME",
        tiers: [
          { upTo: d("10"), unitAmount: d("5"), flatAmount: d("0") },
          { upTo: null, unitAmount: d("4"), flatAmount: d("1") },
        ],
      },
    };
    const draft = composeInvoice({
      ...base,
      items: [{ ...licenseItem, quantity: 3 }, seats],
      kind: "FIRST",
      at: start,
      license: { period: january, prorationFactor: d("1") },
    });
    expect(digest(draft).lines).toEqual([
      ["LICENSE", "Alpaca AI license fee", "3", "300.00"],
      ["LICENSE", "Seats — tier 2 (above 10)", "12", "49.00"],
    ]);
  });

  it("a period end where the subscription cancels carries only that period’s usage", () => {
    const draft = composeInvoice(periodEnd("1500", { license: undefined }));
    expect(digest(draft).lines.map((line) => line[0])).toEqual(["USAGE", "USAGE"]);
    expect(draft.total.toFixed(2)).toBe("20.00");
  });

  it("FINAL (cancel now) bills the usage of the closed part of the period, no licence", () => {
    const closed = { start: february.start, end: utc("2026-02-15T00:00:00Z") };
    const draft = composeInvoice({
      ...base,
      kind: "FINAL",
      at: closed.end,
      usage: { period: closed, quantities: new Map([["si_usage", d("1000.5")]]) },
    });
    expect(digest(draft).lines).toEqual([
      ["USAGE", "Alpaca AI usage — tier 1 (up to 1000)", "1000", "0.00"],
      ["USAGE", "Alpaca AI usage — tier 2 (above 1000)", "0.5", "0.02"],
    ]);
    expect([draft.periodStart, draft.periodEnd]).toEqual([closed.start, closed.end]);
  });

  describe("a first-tier flat fee (the seed's licence fee as 100 on the first usage row)", () => {
    const withFee: InvoiceItem = {
      ...usageItem,
      model: {
        scheme: "TIERED",
        tiersMode: "GRADUATED",
        tiers: [
          { upTo: d("1000"), unitAmount: d("0"), flatAmount: d("100") },
          { upTo: null, unitAmount: d("0.04"), flatAmount: d("0") },
        ],
      },
    };

    it("a period end bills 100.00 at no usage and 180.00 at 3,000 tokens", () => {
      for (const [quantity, total] of [
        ["0", "100.00"],
        ["3000", "180.00"],
      ]) {
        const draft = composeInvoice({ ...periodEnd(quantity!, { license: undefined }), items: [withFee] });
        expect(draft.total.toFixed(2)).toBe(total);
      }
    });

    it("the CLASSIC first invoice's zero USAGE line stays zero", () => {
      const draft = composeInvoice({
        ...base,
        billingMode: "CLASSIC",
        items: [withFee],
        kind: "FIRST",
        at: start,
        license: { period: january, prorationFactor: d("1") },
      });
      expect(digest(draft).lines).toEqual([["USAGE", "Alpaca AI usage — tier 1 (up to 1000)", "0", "0.00"]]);
    });

    it("a FINAL invoice of a period cut short charges it once; of a period cut to nothing, not at all", () => {
      const final = (period: Period) =>
        composeInvoice({
          ...base,
          items: [withFee],
          kind: "FINAL",
          at: period.end,
          usage: { period, quantities: new Map() },
        });
      expect(final({ start: february.start, end: utc("2026-02-15T00:00:00Z") }).total.toFixed(2)).toBe("100.00");
      expect(final({ start: february.start, end: february.start }).lines).toEqual([]);
    });
  });

  it("in jpy, lines round to whole yen", () => {
    const draft = composeInvoice({ ...periodEnd("1037"), currency: "jpy" } as InvoiceSnapshot);
    expect(draft.lines.map((line) => line.amount.toString())).toEqual(["0", "1", "100"]);
  });
});

const usageQuantityArb = decimalArb({ min: -1_000n, max: 100_000_000n, scale: 3 });
const grantArb = fc.record({
  id: fc.uuid(),
  remaining: decimalArb({ min: 0n, max: 30_000n, scale: 2 }),
  priority: fc.integer({ min: 0, max: 100 }),
  category: fc.constantFrom<"PAID" | "PROMOTIONAL">("PAID", "PROMOTIONAL"),
  scope: fc.constantFrom<CreditGrantState["scope"]>(
    { allMeteredPrices: true },
    { priceIds: ["price_usage"] },
    { priceIds: ["price_license"] },
  ),
});

describe("invoice properties", () => {
  it("subtotal = Σ rounded lines; creditsApplied ≤ usage lines; total = subtotal − credits ≥ 0", () => {
    fc.assert(
      fc.property(usageQuantityArb, fc.array(grantArb, { maxLength: 4 }), (quantity, grants) => {
        const draft = composeInvoice(
          periodEnd(quantity.toString(), { grants: grants.map((grant) => ({ ...promo50, ...grant })) }),
        );
        const usageTotal = sum(draft.lines.filter((line) => line.kind === "USAGE").map((line) => line.amount));
        for (const line of draft.lines) expect(line.amount.decimalPlaces()).toBeLessThanOrEqual(2);
        expect(draft.subtotal.equals(sum(draft.lines.map((line) => line.amount)))).toBe(true);
        expect(draft.creditsApplied.lessThanOrEqualTo(usageTotal)).toBe(true);
        expect(draft.total.equals(draft.subtotal.minus(draft.creditsApplied))).toBe(true);
        expect(draft.total.greaterThanOrEqualTo(0)).toBe(true);
        expect(draft.amountDue.equals(draft.total)).toBe(true);
      }),
    );
  });
});
