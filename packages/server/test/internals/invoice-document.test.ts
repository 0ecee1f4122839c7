// The rendered invoice's view model (services/invoices/document.ts): the totals follow the steps
// of docs/concepts/discounts.md#the-order-of-the-steps, each shown only when it changed something.
import { describe, expect, it } from "vitest";
import { Prisma } from "../../src/generated/prisma/client.js";
import { invoiceDocumentView, type StoredInvoice } from "../../src/services/invoices/document.js";

const d = (value: string) => new Prisma.Decimal(value);
const at = new Date("2026-02-01T00:00:00Z");

function invoice(fields: Partial<StoredInvoice>): StoredInvoice {
  return {
    id: "in_1",
    number: "INV-000001",
    currency: "usd",
    createdAt: at,
    finalizedAt: at,
    dueDate: new Date("2026-03-03T00:00:00Z"),
    subscriptionId: "sub_1",
    periodStart: new Date("2026-01-01T00:00:00Z"),
    periodEnd: at,
    description: null,
    subtotal: d("100"),
    totalDiscountAmount: d("0"),
    totalTaxAmounts: [],
    creditsApplied: d("0"),
    total: d("100"),
    startingBalance: d("0"),
    endingBalance: d("0"),
    amountDue: d("100"),
    lines: [],
    customer: { id: "cus_1", name: "Jenny Rosen", email: null },
    ...fields,
  } as unknown as StoredInvoice;
}

const totals = (stored: StoredInvoice) =>
  invoiceDocumentView(stored, { name: "Alpaca AI" }).totals.map((t) => `${t.label} ${t.value}`);

describe("the rendered invoice's totals", () => {
  it("show only subtotal, total and amount due when nothing else applied", () => {
    expect(totals(invoice({}))).toEqual(["Subtotal $100.00", "Total $100.00", "Amount due $100.00"]);
  });

  it("show discounts, exclusive tax (added), inclusive tax (included), credits and the customer balance in order", () => {
    const stored = invoice({
      totalDiscountAmount: d("10"),
      totalTaxAmounts: [
        { taxRateId: "txr_vat", amount: "18", inclusive: false, taxableAmount: "90" },
        { taxRateId: "txr_gst", amount: "2.5", inclusive: true, taxableAmount: "25" },
      ],
      creditsApplied: d("8"),
      total: d("100"),
      startingBalance: d("-30"),
      endingBalance: d("0"),
      amountDue: d("70"),
    });
    expect(totals(stored)).toEqual([
      "Subtotal $100.00",
      "Discounts -$10.00",
      "Tax $18.00",
      "Includes tax $2.50",
      "Credits applied -$8.00",
      "Total $100.00",
      "Customer balance applied -$30.00",
      "Amount due $70.00",
    ]);
  });

  it("state the due date", () => {
    const view = invoiceDocumentView(invoice({}), { name: "Alpaca AI" });
    expect(view.facts).toContainEqual({ label: "Due date", value: "Mar 3, 2026" });
  });
});
