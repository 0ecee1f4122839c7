// The hosted invoice page (docs/concepts/invoices.md#the-rendered-invoice) in a real headless
// Chromium, without a key and with every request off this machine refused: the number, the lines,
// the total and the amount due are visible. TALLY_UPDATE_SCREENSHOTS=1 writes the screenshot the
// docs show (docs/images/hosted-invoice.png).
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpServer, type RunningServer } from "../../src/http/server.js";
import { offlineBrowser, screenshotPath } from "../support/chromium.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { billing } from "../support/billing.js";
import { catalog } from "../support/catalog.js";
import { graphql } from "../generated/gql.js";

const SCREENSHOT = screenshotPath("hosted-invoice");

const CREATE_ITEM = graphql(`
  mutation HostedInvoiceItem($input: CreateInvoiceItemInput!) {
    createInvoiceItem(input: $input) {
      __typename
    }
  }
`);

const INVOICES = graphql(`
  query HostedInvoiceInvoices($customerId: ID!) {
    invoices(first: 1, customerId: $customerId) {
      edges {
        node {
          number
          hostedInvoiceUrl
          lines {
            description
          }
        }
      }
    }
  }
`);

/** The text as rendered (Playwright's innerText: laid out, hidden parts left out), not the DOM's textContent. */
// biome-ignore lint/performance/useDomNodeTextContent: a Playwright locator, not a DOM node
const visibleText = (locator: Locator) => locator.innerText();

let app: TestApp;
let server: RunningServer;
let browser: Browser;
let page: Page;
let invoice: { number: string; path: string; lines: string[] };
let blocked: string[];

beforeAll(async () => {
  app = await createTestApp();
  const { testSecretKey: key } = await app.createAccount("Alpaca AI");
  const c = catalog(app, key);
  const b = billing(app, key);
  // January's usage of tiered API calls and a seat, with a one-off onboarding fee on February 1's invoice.
  const { customerId, clockId } = await c.clockCustomer("2026-01-01T00:00:00Z", {
    name: "Acme Robotics",
    email: "billing@acme.example",
  });
  const meter = await c.meter("api_calls");
  const calls = await c.metered(meter.id, {
    product: "API calls",
    billingScheme: "TIERED",
    tiersMode: "GRADUATED",
    tiers: [
      { upTo: "1000", unitAmount: "0" },
      { upTo: null, unitAmount: "0.04" },
    ],
  });
  const seat = await c.licensed("49", { product: "Team seat" });
  const subscription = await c.subscribe({
    customerId,
    items: [{ priceId: seat.id, quantity: 3 }, { priceId: calls.id }],
  });
  await c.advance(clockId, "2026-01-20T12:00:00Z");
  await b.record({ eventName: "api_calls", customerId, value: "2500", timestamp: "2026-01-20T10:00:00Z" });
  const onboarding = await c.licensed("150", { product: "Onboarding workshop" });
  const created = await app.data(
    CREATE_ITEM,
    { input: { customerId, subscriptionId: subscription.id, priceId: onboarding.id, quantity: 2 } },
    key,
  );
  expect(created.createInvoiceItem.__typename).toBe("InvoiceItem");
  await c.advance(clockId, "2026-02-01T00:00:00Z");
  const latest = (await app.data(INVOICES, { customerId }, key)).invoices.edges[0]!.node;
  invoice = {
    number: latest.number!,
    path: new URL(latest.hostedInvoiceUrl!).pathname,
    lines: latest.lines.map((line) => line.description),
  };

  server = await startHttpServer(app.deps, { port: 0, host: "127.0.0.1" });
  const offline = await offlineBrowser({ viewport: { width: 1000, height: 900 } });
  ({ browser, blocked } = offline);
  const { context } = offline;
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await app?.close();
});

describe("the hosted invoice page in a browser", () => {
  it("shows the number, the lines, the total and the amount due, without a key", async () => {
    const response = await page.goto(`${server.url}${invoice.path}`);
    expect(response?.status()).toBe(200);
    expect(await page.title()).toBe(`Invoice ${invoice.number} · Alpaca AI`);
    await expect(page.getByRole("heading", { name: `Invoice ${invoice.number}` }).isVisible()).resolves.toBe(true);
    // 3 seats at 49 for February, 1,500 calls over the free tier at 0.04, and the workshop: 147 + 60 + 300.
    expect(invoice.lines).toHaveLength(4);
    const rows = page.locator("table.lines tbody tr");
    expect(await rows.count()).toBe(invoice.lines.length);
    for (const [i, description] of invoice.lines.entries()) {
      expect(await rows.nth(i).isVisible()).toBe(true);
      expect(await visibleText(rows.nth(i).locator("td").first())).toContain(description);
    }
    const totals = await visibleText(page.locator("table.totals"));
    expect(totals).toMatch(/Total\s+\$507\.00/);
    expect(totals).toMatch(/Amount due\s+\$507\.00/);
    expect(await visibleText(page.locator("#amount-due"))).toBe("$507.00 due");
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  it("needed nothing from outside this machine", () => {
    expect(blocked).toEqual([]);
  });
});
