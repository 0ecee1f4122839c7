// The customer portal (/portal, built from @tally/elements) in a real headless Chromium, with every
// request off this machine refused: a customer session's usage, upcoming invoice, credits and
// invoices as the API answers them, a meter with dimensions stacked by its first one, a new event
// shown live without a reload, and a clear message for a revoked or expired session
// (docs/elements.md#the-customer-portal).
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startHttpServer } from "../../src/http/server.js";
import { graphql } from "../generated/gql.js";
import { offlineBrowser, screenshotPath } from "../support/chromium.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { catalog } from "../support/catalog.js";
import { meterEvents } from "../support/meter-events.js";
import { sessions } from "../support/sessions.js";

const SCREENSHOT = screenshotPath("portal");
const STACKED_SCREENSHOT = screenshotPath("portal-stacked");
const DAY = 86_400_000;
const LOCALE = "en-US";

/** What the page must show, read from the API with the same session token. */
const PORTAL_VIEWER = graphql(`
  query PortalViewer($meterId: ID!) {
    viewer {
      customer {
        name
      }
      periodUsage(meterId: $meterId) {
        usage
        periodStart
        periodEnd
      }
      upcomingInvoice {
        amountDue {
          amount
          currency
        }
        lines {
          description
        }
      }
      creditBalance {
        available
        currency
      }
      invoices(first: 10) {
        edges {
          node {
            number
          }
        }
      }
    }
  }
`);

const PORTAL_USAGE_BY_DAY = graphql(`
  query PortalUsageByDay($meterId: ID!, $startTime: DateTime!, $endTime: DateTime!) {
    viewer {
      usage(meterId: $meterId, startTime: $startTime, endTime: $endTime, groupingWindow: DAY) {
        startTime
        aggregatedValue
      }
    }
  }
`);

const PORTAL_USAGE_BY_MODEL = graphql(`
  query PortalUsageByModel($meterId: ID!, $startTime: DateTime!, $endTime: DateTime!) {
    viewer {
      periodUsage(meterId: $meterId) {
        usage
      }
      usage(meterId: $meterId, startTime: $startTime, endTime: $endTime, groupBy: ["model"]) {
        aggregatedValue
        dimensions {
          value
        }
      }
    }
  }
`);

const PORTAL_RECORD_EVENT = graphql(`
  mutation PortalRecordEvent($input: RecordMeterEventInput!) {
    recordMeterEvent(input: $input) {
      __typename
    }
  }
`);

const PORTAL_REVOKE = graphql(`
  mutation PortalRevokeSessions($input: RevokeCustomerSessionsInput!) {
    revokeCustomerSessions(input: $input) {
      __typename
    }
  }
`);

let app: TestApp;
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let meterId: string;
let tokensMeterId: string;
let customerId: string;
let token: string;
let blocked: string[];
const requested: string[] = [];

const quantity = (value: string) => new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 20 }).format(value as never);
const money = (m: { amount: string; currency: string }) =>
  new Intl.NumberFormat(LOCALE, { style: "currency", currency: m.currency.toUpperCase() }).format(m.amount as never);

/**
 * A request to the server the browser talks to (not the test app's own in-process endpoint): live
 * usage is published within the process that accepted the event.
 */
async function served<R, V>(document: TypedDocumentNode<R, V>, variables: V, key: string): Promise<R> {
  const response = await fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json()) as { data?: R; errors?: unknown[] };
  if (body.errors || !body.data) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data;
}

async function apiView() {
  return (await app.data(PORTAL_VIEWER, { meterId }, token)).viewer;
}

async function openPortal(sessionToken: string): Promise<Page> {
  const opened = await context.newPage();
  opened.on("request", (request) => requested.push(request.url()));
  await opened.goto(`${server.url}/portal#token=${sessionToken}`);
  return opened;
}

beforeAll(async () => {
  app = await createTestApp();
  server = await startHttpServer(app.deps, { port: 0, host: "127.0.0.1" });
  const c = catalog(app);
  // The subscription started ten days ago, so the period has days of usage to chart.
  const now = app.clock.now();
  app.clock.set(new Date(now.getTime() - 10 * DAY));
  meterId = (await c.meter({ displayName: "API requests", eventName: "api_requests", aggregation: "SUM" })).id;
  customerId = (await c.customer({ name: "Ada Lovelace" })).id;
  const usage = await c.metered(meterId, { unitAmount: "0.05" }, { product: "API requests" });
  const platform = await c.licensed("20.00", { product: "Platform" });
  // A second meter, with dimensions: the chart stacks it by its first one, model.
  tokensMeterId = (
    await c.meter({ displayName: "Tokens", eventName: "tokens", aggregation: "SUM", dimensionPayloadKeys: ["model"] })
  ).id;
  const perToken = await c.metered(tokensMeterId, { unitAmount: "0.001" }, { product: "Tokens" });
  await c.subscribe({
    customerId,
    items: [{ priceId: usage.id }, { priceId: perToken.id }, { priceId: platform.id, quantity: 1 }],
  });
  app.clock.set(now);
  await c.grant(customerId, "15.00");
  const tokens: Array<[number, string | null, number]> = [
    [1, "large", 700],
    [1, "small", 300],
    [2, "small", 450],
    [4, "large", 1200],
    [4, null, 90],
    [6, "small", 640],
  ];
  await meterEvents(app).recordMany(
    tokens.map(([day, model, value], i) => ({
      eventName: "tokens",
      customerId,
      value: String(value),
      identifier: `portal-tokens-${i}`,
      timestamp: new Date(now.getTime() - (9 - day) * DAY + 3_600_000).toISOString(),
      payload: model ? { model } : {},
    })),
  );
  await meterEvents(app).recordMany(
    [120, 340, 95, 410, 260, 180, 530, 75, 300].map((value, day) => ({
      eventName: "api_requests",
      customerId,
      value: String(value),
      identifier: `portal-${day}`,
      timestamp: new Date(now.getTime() - (9 - day) * DAY + 3_600_000).toISOString(),
    })),
  );
  token = await sessions(app).token(customerId);

  ({ browser, context, blocked } = await offlineBrowser({ viewport: { width: 1280, height: 1000 }, locale: LOCALE }));
  page = await openPortal(token);
  await page.locator("[data-tally=usage-total]").waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await app?.close();
});

describe("the customer portal in a browser, offline", () => {
  it("shows the usage chart and totals the API answers for the session", async () => {
    const view = await apiView();
    expect(view.periodUsage?.usage).toBe("2310");
    expect(await page.locator("[data-tally=usage-total]").textContent()).toBe(quantity(view.periodUsage!.usage));
    expect(await page.locator("[data-tally=amount-due]").textContent()).toBe(money(view.upcomingInvoice!.amountDue));
    expect(await page.locator("[data-tally=credits-available]").textContent()).toBe(
      money({ amount: view.creditBalance![0]!.available, currency: view.creditBalance![0]!.currency }),
    );
    for (const line of view.upcomingInvoice!.lines)
      await page
        .getByRole("rowheader", { name: new RegExp(line.description) })
        .first()
        .waitFor();
    await page.getByText(view.customer.name!).waitFor();

    // The chart drew bars: its canvas has painted pixels, and it names what it shows.
    const chart = page.getByRole("img", { name: /API requests per day/ });
    expect(await chart.getAttribute("aria-label")).toContain(`${quantity("2310")} in total`);
    const painted = await chart.evaluate((canvas: HTMLCanvasElement) => {
      const { data } = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height);
      let count = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) count += 1;
      return count;
    });
    expect(painted).toBeGreaterThan(1_000);

    // The chart's table holds the API's daily figures.
    const period = view.periodUsage!;
    const start = new Date(Math.floor(Date.parse(period.periodStart) / DAY) * DAY).toISOString();
    const end = new Date(Math.ceil(Date.parse(period.periodEnd) / DAY) * DAY).toISOString();
    const days = (await app.data(PORTAL_USAGE_BY_DAY, { meterId, startTime: start, endTime: end }, token)).viewer
      .usage!;
    const shown = await page.locator(".tally-usage-table tbody td").allTextContents();
    expect(shown.filter((v) => v !== "0")).toEqual(
      days
        .map((d) => d.aggregatedValue)
        .filter((v) => v !== "0")
        .map(quantity),
    );
  });

  it("passes axe-core's WCAG 2.1 A and AA checks", async () => {
    // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern.
    await page.evaluate(readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8"));
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<any> } }).axe;
      const result = await axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] });
      return result.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(" ")).join(", ")}`);
    });
    expect(violations).toEqual([]);
  });

  it("keeps the token out of the address bar, every request's URL and the server's logs", async () => {
    expect(page.url()).toBe(`${server.url}/portal`);
    expect(requested.filter((url) => url.includes(token))).toEqual([]);
    expect(JSON.stringify(app.logger.entries)).not.toContain(token);
  });

  it("switches the chart to hourly windows from the keyboard", async () => {
    await page.getByRole("button", { name: "Hourly" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("img", { name: /API requests per hour/ }).waitFor();
    expect(await page.getByRole("button", { name: "Hourly" }).getAttribute("aria-pressed")).toBe("true");
    await page.getByRole("button", { name: "Daily" }).click();
    await page.getByRole("img", { name: /API requests per day/ }).waitFor();
  });

  it("stacks a meter with dimensions by its first one: each dataset's sum is the API's grouped total", async () => {
    const stacked = await openPortal(token);
    try {
      await stacked.locator("[data-tally=usage-total]").waitFor();
      await stacked.getByRole("combobox", { name: "Meter" }).selectOption({ label: "Tokens" });
      const chart = stacked.getByRole("img", { name: /Tokens per day, stacked by model/ });
      await chart.waitFor();
      // Whole days around the period, which holds every event of the meter.
      const today = Math.floor(Date.now() / DAY) * DAY;
      const period = {
        startTime: new Date(today - 40 * DAY).toISOString(),
        endTime: new Date(today + DAY).toISOString(),
      };
      const { viewer } = await app.data(PORTAL_USAGE_BY_MODEL, { meterId: tokensMeterId, ...period }, token);
      expect(await stacked.locator("[data-tally=usage-total]").textContent()).toBe(quantity(viewer.periodUsage!.usage));
      // The API's groups, in its order (by value, events without one last), are the legend and the table's columns.
      const groups = viewer.usage!.map((g) => g.dimensions[0]!.value ?? "No model");
      expect(groups).toEqual(["large", "small", "No model"]);
      const legend = stacked.getByRole("list", { name: "Legend: Tokens by model" });
      expect(await legend.getByRole("listitem").allTextContents()).toEqual(groups);
      const header = await stacked.locator(".tally-usage-table thead th").allTextContents();
      expect(header.slice(1)).toEqual(groups);
      // Each dataset (a column of the chart's table) adds up to its group's total for the period.
      const cells = await stacked
        .locator(".tally-usage-table tbody tr")
        .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll("td")].map((td) => td.textContent ?? "")));
      const sums = groups.map((_, j) => cells.reduce((sum, row) => sum + Number(row[j]!.replace(/,/g, "")), 0));
      expect(sums.map(String)).toEqual(viewer.usage!.map((g) => g.aggregatedValue));
      // And the canvas painted one colour per dataset: the legend's swatches'.
      const painted = await chart.evaluate((canvas: HTMLCanvasElement, count: number) => {
        const style = getComputedStyle(canvas);
        const colours = Array.from({ length: count }, (_, i) =>
          style.getPropertyValue(`--tally-chart-${i + 1}`).trim(),
        );
        const rgb = colours.map((hex) => [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16)));
        const { data } = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height);
        const counts = rgb.map(() => 0);
        for (let i = 0; i < data.length; i += 4)
          rgb.forEach(([r, g, b], k) => {
            if (data[i] === r && data[i + 1] === g && data[i + 2] === b && data[i + 3] === 255) counts[k]! += 1;
          });
        return counts;
      }, groups.length);
      for (const count of painted) expect(count).toBeGreaterThan(50);
      mkdirSync(dirname(STACKED_SCREENSHOT), { recursive: true });
      await stacked.locator(".tally-usage").screenshot({ path: STACKED_SCREENSHOT });
    } finally {
      await stacked.close();
    }
  });

  it("shows an event recorded with the secret key within 2 s, without a reload", async () => {
    let navigations = 0;
    page.on("framenavigated", () => (navigations += 1));
    const input = { eventName: "api_requests", customerId, value: "1000", identifier: "portal-live" };
    const stored = await served(PORTAL_RECORD_EVENT, { input }, app.account.testSecretKey);
    const accepted = Date.now();
    expect(stored.recordMeterEvent.__typename).toBe("MeterEvent");
    await page.locator("[data-tally=usage-total]", { hasText: quantity("3310") }).waitFor({ timeout: 2_000 });
    expect(Date.now() - accepted).toBeLessThan(2_000);
    const view = await apiView();
    expect(view.periodUsage!.usage).toBe("3310");
    await page.locator("[data-tally=amount-due]", { hasText: money(view.upcomingInvoice!.amountDue) }).waitFor();
    expect(navigations).toBe(0);

    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  it("says the session is over when it is revoked, on an open page and on a new one", async () => {
    const data = await served(PORTAL_REVOKE, { input: { customerId } }, app.account.testSecretKey);
    expect(data.revokeCustomerSessions.__typename).toBe("RevokedCustomerSessions");
    const alert = page.getByRole("alert");
    await alert.waitFor({ timeout: 10_000 });
    expect(await alert.textContent()).toContain("expired or was revoked");
    expect(await page.locator("[data-tally=usage-total]").count()).toBe(0);

    const fresh = await openPortal(token);
    await fresh.getByRole("alert").waitFor();
    expect(await fresh.getByRole("alert").textContent()).toContain("expired or was revoked");
    await fresh.close();
  });

  it("says the session is over when it has expired", async () => {
    const shortLived = await sessions(app).token(customerId, { expiresIn: 60 });
    const opened = await openPortal(shortLived);
    await opened.locator("[data-tally=usage-total]").waitFor();
    await opened.close();
    app.clock.set(new Date(app.clock.now().getTime() + 61_000));
    const later = await openPortal(shortLived);
    await later.getByRole("alert").waitFor({ timeout: 5_000 });
    expect(await later.getByRole("alert").textContent()).toContain("expired or was revoked");
  });

  it("says so when the link has no token", async () => {
    const bare = await context.newPage();
    await bare.goto(`${server.url}/portal`);
    await bare.getByRole("alert").waitFor();
    expect(await bare.getByRole("alert").textContent()).toContain("no session token");
  });

  it("serves the page and its assets with their content types, and nothing else under /portal", async () => {
    const html = await fetch(`${server.url}/portal`);
    expect(html.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(html.headers.get("content-security-policy")).toContain("default-src 'none'");
    const assets = [...(await html.text()).matchAll(/(?:src|href)="(\/portal\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets.some((a) => a.endsWith(".js")) && assets.some((a) => a.endsWith(".css"))).toBe(true);
    for (const asset of assets) {
      const response = await fetch(`${server.url}${asset}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe(
        asset.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8",
      );
      expect(response.headers.get("cache-control")).toContain("immutable");
    }
    expect((await fetch(`${server.url}/portal/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${server.url}/portal/../package.json`)).status).not.toBe(200);
  });

  it("needed nothing from outside this machine", () => {
    expect(blocked).toEqual([]);
  });
});
