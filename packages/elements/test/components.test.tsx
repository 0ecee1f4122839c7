// The elements' markup: accessible names, roles and keyboard reach, and amounts in the invoice's currency.
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CreditBalanceView } from "../src/components/credit-balance.js";
import { InvoiceListView } from "../src/components/invoice-list.js";
import { TallyElements } from "../src/components/provider.js";
import { UpcomingInvoiceView } from "../src/components/upcoming-invoice.js";
import { UsageChartView } from "../src/components/usage-chart.js";
import type { InvoiceListItem, MeterUsage, UpcomingInvoiceData } from "../src/data/types.js";
import { CustomerPortal } from "../src/index.js";

afterEach(cleanup);

const eur = (amount: string) => ({ amount, currency: "eur" });

const upcoming: UpcomingInvoiceData = {
  currency: "eur",
  periodStart: "2026-12-01T00:00:00.000Z",
  periodEnd: "2027-01-01T00:00:00.000Z",
  lines: [
    {
      kind: "USAGE",
      description: "API requests",
      quantity: "12500",
      unitAmount: "0.0004",
      periodStart: "2026-12-01T00:00:00.000Z",
      periodEnd: "2027-01-01T00:00:00.000Z",
      amount: eur("5.00"),
    },
    {
      kind: "LICENSE",
      description: "Platform fee",
      quantity: "1",
      unitAmount: "1234.5",
      periodStart: "2026-12-01T00:00:00.000Z",
      periodEnd: "2027-01-01T00:00:00.000Z",
      amount: eur("1234.50"),
    },
  ],
  subtotal: eur("1239.50"),
  creditsApplied: eur("0.00"),
  total: eur("1239.50"),
  amountDue: eur("1239.50"),
};

describe("UpcomingInvoiceView", () => {
  it("is a labelled region with a table of lines, amounts in the invoice's currency and the reader's locale", () => {
    render(<UpcomingInvoiceView invoice={upcoming} locale="de-DE" />);
    const region = screen.getByRole("region", { name: "Upcoming invoice" });
    const table = within(region).getByRole("table", { name: "Lines of the upcoming invoice" });
    const fee = within(table).getByRole("row", { name: /Platform fee/ });
    expect(fee.textContent?.replace(/\u00a0/g, " ")).toContain("1.234,50 €");
    expect(within(table).getByRole("row", { name: /API requests/ }).textContent).toContain("12.500");
    expect(within(table).getByRole("row", { name: /API requests/ }).textContent).toContain("0,0004");
    // No credits applied: no credits row.
    expect(within(table).queryByRole("rowheader", { name: "Credits applied" })).toBeNull();
    expect(within(table).getByRole("rowheader", { name: "Amount due" })).toBeTruthy();
  });

  it("lists applied credits as a deduction", () => {
    render(<UpcomingInvoiceView invoice={{ ...upcoming, creditsApplied: eur("200.00") }} locale="en-US" />);
    expect(screen.getByRole("row", { name: /Credits applied/ }).textContent).toContain("−€200.00");
  });

  it("says so when there is no upcoming invoice", () => {
    render(<UpcomingInvoiceView invoice={null} />);
    expect(screen.getByRole("region", { name: "Upcoming invoice" }).textContent).toContain("No upcoming invoice");
  });
});

describe("InvoiceListView", () => {
  const invoice = (id: string, hostedInvoiceUrl?: string | null): InvoiceListItem => ({
    id,
    number: `INV-${id}`,
    status: "OPEN",
    currency: "usd",
    periodStart: "2026-11-01T00:00:00.000Z",
    periodEnd: "2026-12-01T00:00:00.000Z",
    createdAt: "2026-12-01T00:00:00.000Z",
    finalizedAt: "2026-12-01T00:05:00.000Z",
    total: { amount: "42.10", currency: "usd" },
    amountDue: { amount: "42.10", currency: "usd" },
    hostedInvoiceUrl,
  });

  it("links an invoice to its hosted page only when it has one, saying the link opens a new tab", () => {
    render(<InvoiceListView invoices={[invoice("1", "https://tally.example/i/abc"), invoice("2")]} locale="en-US" />);
    const link = screen.getByRole("link", { name: /INV-1/ });
    expect(link.getAttribute("href")).toBe("https://tally.example/i/abc");
    expect(link.getAttribute("rel")).toContain("noopener");
    expect(link.textContent).toContain("opens the invoice in a new tab");
    expect(screen.queryByRole("link", { name: /INV-2/ })).toBeNull();
    expect(screen.getByRole("row", { name: /INV-2/ }).textContent).toContain("$42.10");
  });
});

describe("CreditBalanceView", () => {
  it("shows each currency's balance in that currency", () => {
    render(
      <CreditBalanceView
        balances={[{ currency: "gbp", available: "75.5", projectedAvailable: "60.25" }]}
        locale="en-GB"
      />,
    );
    const region = screen.getByRole("region", { name: "Credits" });
    expect(region.textContent).toContain("£75.50");
    expect(region.textContent).toContain("£60.25");
  });
});

describe("UsageChartView", () => {
  const usage: MeterUsage = {
    meter: {
      id: "mtr_1",
      displayName: "API requests",
      eventName: "api_requests",
      aggregation: "SUM",
      dimensionPayloadKeys: [],
    },
    startTime: "2026-12-01T00:00:00.000Z",
    endTime: "2027-01-01T00:00:00.000Z",
    window: "DAY",
    total: "1500.5",
    groupBy: null,
    buckets: [
      { startTime: "2026-12-01T00:00:00.000Z", endTime: "2026-12-02T00:00:00.000Z", aggregatedValue: "1000" },
      { startTime: "2026-12-02T00:00:00.000Z", endTime: "2026-12-03T00:00:00.000Z", aggregatedValue: "500.5" },
    ],
  };

  it("describes the chart in words and keeps its figures in a table", () => {
    render(<UsageChartView usage={usage} locale="en-US" />);
    const region = screen.getByRole("region", { name: "Usage" });
    const description = within(region).getByRole("img").getAttribute("aria-label")!;
    expect(description.replace(/\s/g, " ")).toBe("API requests per day, Dec 1, 2026 – Jan 1, 2027: 1,500.5 in total");
    expect(region.querySelector("[data-tally=usage-total]")?.textContent).toBe("1,500.5");
    const rows = within(within(region).getByRole("table")).getAllByRole("row");
    // Every day of the period, those without usage at 0.
    expect(rows.length).toBe(1 + 31);
    expect(rows.slice(0, 4).map((r) => r.textContent)).toEqual([
      "DayAPI requests",
      "Dec 11,000",
      "Dec 2500.5",
      "Dec 30",
    ]);
  });

  it("switches windows with toggle buttons that a keyboard reaches", () => {
    const onWindowChange = vi.fn();
    render(<UsageChartView usage={usage} onWindowChange={onWindowChange} />);
    const group = screen.getByRole("group", { name: "Grouping window" });
    const hourly = within(group).getByRole("button", { name: "Hourly" });
    expect(within(group).getByRole("button", { name: "Daily" }).getAttribute("aria-pressed")).toBe("true");
    expect(hourly.getAttribute("aria-pressed")).toBe("false");
    hourly.focus();
    expect(document.activeElement).toBe(hourly);
    fireEvent.click(hourly);
    expect(onWindowChange).toHaveBeenCalledWith("HOUR");
  });

  it("stacks by a dimension: one column per group in the table and a legend, events without a value last", () => {
    const stacked: MeterUsage = {
      ...usage,
      groupBy: "model",
      buckets: [
        { ...usage.buckets[0]!, aggregatedValue: "600", group: "small" },
        { ...usage.buckets[0]!, aggregatedValue: "400", group: null },
        { ...usage.buckets[1]!, aggregatedValue: "500.5", group: "large" },
      ],
    };
    render(<UsageChartView usage={stacked} locale="en-US" />);
    const rows = within(screen.getByRole("table")).getAllByRole("row");
    expect(rows.length).toBe(1 + 31);
    expect(rows.slice(0, 4).map((r) => r.textContent)).toEqual([
      "DaylargesmallNo model",
      "Dec 10600400",
      "Dec 2500.500",
      "Dec 3000",
    ]);
    expect(screen.getByRole("img").getAttribute("aria-label")).toContain("stacked by model");
    const legend = screen.getByRole("list", { name: "Legend: API requests by model" });
    const items = within(legend).getAllByRole("listitem");
    expect(items.map((i) => i.textContent)).toEqual(["large", "small", "No model"]);
    expect(items.map((i) => i.querySelector(".tally-swatch")?.className)).toEqual([
      "tally-swatch tally-swatch-1",
      "tally-swatch tally-swatch-2",
      "tally-swatch tally-swatch-3",
    ]);
  });

  it("has no legend when not stacked", () => {
    render(<UsageChartView usage={usage} locale="en-US" />);
    expect(screen.queryByRole("list")).toBeNull();
  });

  it("offers the session's meters in a labelled select", () => {
    const onMeterChange = vi.fn();
    const other = { ...usage.meter, id: "mtr_2", displayName: "Tokens" };
    render(<UsageChartView usage={usage} meters={[usage.meter, other]} onMeterChange={onMeterChange} />);
    fireEvent.change(screen.getByRole("combobox", { name: "Meter" }), { target: { value: "mtr_2" } });
    expect(onMeterChange).toHaveBeenCalledWith("mtr_2");
  });
});

describe("TallyElements", () => {
  it("replaces the elements with an alert when it has no session token", () => {
    render(
      <TallyElements token={null}>
        <CustomerPortal />
      </TallyElements>,
    );
    expect(screen.getByRole("alert").textContent).toContain("no session token");
    expect(screen.queryByRole("region")).toBeNull();
  });
});
