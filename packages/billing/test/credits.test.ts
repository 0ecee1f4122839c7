import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, applyCredits, compareGrants, sum, type CreditGrantState, type CreditableLine } from "../src/index.js";
import { d, decimalArb, utc } from "./support.js";

const at = utc("2026-02-01T00:00:00Z");

function grant(id: string, remaining: string, overrides: Partial<CreditGrantState> = {}): CreditGrantState {
  return {
    id,
    currency: "usd",
    category: "PAID",
    priority: 50,
    effectiveAt: utc("2026-01-01T00:00:00Z"),
    expiresAt: null,
    createdAt: utc("2026-01-01T00:00:00Z"),
    voidedAt: null,
    remaining: d(remaining),
    scope: { allMeteredPrices: true },
    ...overrides,
  };
}

const usage = (priceId: string, amount: string): CreditableLine => ({ kind: "USAGE", priceId, amount: d(amount) });
const license = (priceId: string, amount: string): CreditableLine => ({ kind: "LICENSE", priceId, amount: d(amount) });
const applied = (result: ReturnType<typeof applyCredits>) => [
  result.total.toString(),
  result.applications.map((application) => [application.grantId, application.amount.toString()]),
];

describe("applyCredits (docs/concepts/credits.md#credit-ordering)", () => {
  it("pays only USAGE lines, never licence fees", () => {
    const result = applyCredits({
      currency: "usd",
      at,
      lines: [usage("p_usage", "80"), license("p_license", "100")],
      grants: [grant("g", "500")],
    });
    expect(applied(result)).toEqual(["80", [["g", "80"]]]);
  });

  it("honours price scopes", () => {
    const lines = [usage("p1", "10"), usage("p2", "20")];
    const result = applyCredits({
      currency: "usd",
      at,
      lines,
      grants: [grant("only_p2", "100", { scope: { priceIds: ["p2", "p9"] } })],
    });
    expect(applied(result)).toEqual(["20", [["only_p2", "20"]]]);
  });

  it("skips grants of another currency, not yet effective, expired, voided or empty", () => {
    const grants = [
      grant("eur", "5", { currency: "eur" }),
      grant("future", "5", { effectiveAt: utc("2026-02-01T00:00:01Z") }),
      grant("expired", "5", { expiresAt: at }),
      grant("voided", "5", { voidedAt: utc("2026-01-31T00:00:00Z") }),
      grant("empty", "0"),
      grant("effective_now", "1", { effectiveAt: at }),
      grant("voided_later", "1", { voidedAt: utc("2026-03-01T00:00:00Z") }),
      grant("expires_later", "1", { expiresAt: utc("2026-02-01T00:00:00.001Z") }),
    ];
    const result = applyCredits({ currency: "usd", at, lines: [usage("p", "100")], grants });
    expect(applied(result)).toEqual([
      "3",
      [
        ["expires_later", "1"],
        ["voided_later", "1"],
        ["effective_now", "1"],
      ],
    ]);
  });

  it("never takes more than a line holds or a grant has; a negative line takes nothing", () => {
    const lines = [usage("p1", "30"), usage("p2", "-5"), usage("p3", "30")];
    const result = applyCredits({
      currency: "usd",
      at,
      lines,
      grants: [grant("a", "40", { priority: 1 }), grant("b", "100", { priority: 2 })],
    });
    expect(applied(result)).toEqual([
      "60",
      [
        ["a", "40"],
        ["b", "20"],
      ],
    ]);
  });

  it("lists only grants that paid something", () => {
    const result = applyCredits({
      currency: "usd",
      at,
      lines: [usage("p", "5")],
      grants: [grant("a", "10", { priority: 1 }), grant("b", "10", { priority: 2 })],
    });
    expect(applied(result)).toEqual(["5", [["a", "5"]]]);
    expect(applied(applyCredits({ currency: "usd", at, lines: [], grants: [grant("a", "10")] }))).toEqual(["0", []]);
  });
});

describe("grant order: priority, earliest expiry (none last), PROMOTIONAL first, effectiveAt, createdAt, id", () => {
  const base = grant("base", "1");
  it.each<[string, Partial<CreditGrantState>, Partial<CreditGrantState>]>([
    ["lower priority first", { priority: 0, category: "PAID" }, { priority: 1, category: "PROMOTIONAL" }],
    [
      "earlier expiry first",
      { expiresAt: utc("2026-03-01T00:00:00Z") },
      { expiresAt: utc("2026-04-01T00:00:00Z"), category: "PROMOTIONAL" },
    ],
    ["an expiry before none", { expiresAt: utc("2030-01-01T00:00:00Z") }, { expiresAt: null, category: "PROMOTIONAL" }],
    [
      "PROMOTIONAL before PAID",
      { category: "PROMOTIONAL" },
      { category: "PAID", effectiveAt: utc("2025-01-01T00:00:00Z") },
    ],
    [
      "earlier effectiveAt first",
      { effectiveAt: utc("2025-12-01T00:00:00Z") },
      { createdAt: utc("2025-01-01T00:00:00Z") },
    ],
    ["earlier createdAt first", { createdAt: utc("2025-12-01T00:00:00Z") }, { id: "a" }],
    ["then by id", { id: "a" }, { id: "b" }],
  ])("%s", (_, first, second) => {
    const a = { ...base, ...first };
    const b = { ...base, ...second };
    expect(compareGrants(a, b)).toBeLessThan(0);
    expect(compareGrants(b, a)).toBeGreaterThan(0);
    const result = applyCredits({
      currency: "usd",
      at,
      lines: [usage("p", "1")],
      grants: [
        { ...b, id: `${b.id}_2` },
        { ...a, id: `${a.id}_1` },
      ],
    });
    expect(result.applications.map((application) => application.grantId)).toEqual([`${a.id}_1`]);
  });

  it("a grant equals itself", () => {
    expect(compareGrants(base, { ...base })).toBe(0);
  });
});

const moneyArb = decimalArb({ min: -1_000n, max: 100_000n, scale: 2 });
const lineArb = fc.record({
  kind: fc.constantFrom<"USAGE" | "LICENSE">("USAGE", "LICENSE"),
  priceId: fc.constantFrom("p1", "p2", "p3"),
  amount: moneyArb,
});
const grantArb = fc.record({
  id: fc.uuid(),
  currency: fc.constantFrom("usd", "usd", "usd", "eur"),
  category: fc.constantFrom<"PAID" | "PROMOTIONAL">("PAID", "PROMOTIONAL"),
  priority: fc.integer({ min: 0, max: 100 }),
  effectiveAt: fc.integer({ min: -10, max: 2 }).map((days) => new Date(at.getTime() + days * 86_400_000)),
  expiresAt: fc.option(fc.integer({ min: -2, max: 30 }).map((days) => new Date(at.getTime() + days * 86_400_000))),
  createdAt: fc.integer({ min: 0, max: 5 }).map((days) => new Date(Date.UTC(2025, 11, 1 + days))),
  voidedAt: fc.option(
    fc.integer({ min: -2, max: 2 }).map((days) => new Date(at.getTime() + days * 86_400_000)),
    { freq: 4 },
  ),
  remaining: decimalArb({ min: 0n, max: 50_000n, scale: 2 }),
  scope: fc.oneof(
    fc.constant({ allMeteredPrices: true as const }),
    fc.record({ priceIds: fc.subarray(["p1", "p2", "p3"]) }),
  ),
});

describe("credit properties", () => {
  it("credits ≤ eligible subtotal, Σ applications = creditsApplied, no grant over-drawn, each application positive", () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 8 }), fc.array(grantArb, { maxLength: 6 }), (lines, grants) => {
        const result = applyCredits({ currency: "usd", at, lines, grants });
        const eligible = sum(lines.filter((line) => line.kind === "USAGE").map((line) => Decimal.max(line.amount, 0)));
        expect(result.total.lessThanOrEqualTo(eligible)).toBe(true);
        expect(sum(result.applications.map((application) => application.amount)).equals(result.total)).toBe(true);
        for (const application of result.applications) {
          const source = grants.find((candidate) => candidate.id === application.grantId)!;
          expect(application.amount.greaterThan(0)).toBe(true);
          expect(application.amount.lessThanOrEqualTo(source.remaining)).toBe(true);
          expect(source.currency).toBe("usd");
        }
        expect(new Set(result.applications.map((application) => application.grantId)).size).toBe(
          result.applications.length,
        );
      }),
    );
  });
});
