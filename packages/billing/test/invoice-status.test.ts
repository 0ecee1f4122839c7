import { describe, expect, it } from "vitest";
import { canTransition, type InvoiceStatus } from "../src/index.js";

const ALL: InvoiceStatus[] = ["DRAFT", "OPEN", "PAID", "VOID", "UNCOLLECTIBLE"];
const ALLOWED = [
  "DRAFT→OPEN",
  "OPEN→PAID",
  "OPEN→VOID",
  "OPEN→UNCOLLECTIBLE",
  "UNCOLLECTIBLE→PAID",
  "UNCOLLECTIBLE→VOID",
];

describe("invoice status transitions (docs/concepts/invoices.md#status)", () => {
  it("allows exactly Stripe's six moves", () => {
    const allowed = ALL.flatMap((from) => ALL.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`));
    expect(allowed).toEqual(ALLOWED);
  });
});
