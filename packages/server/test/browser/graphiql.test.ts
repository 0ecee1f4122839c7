// GraphiQL in a real headless Chromium, with every request off this machine refused: the page,
// the docs explorer and a query run with the key from the Headers pane must all work offline.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpServer, type RunningServer } from "../../src/http/server.js";
import { offlineBrowser, screenshotPath } from "../support/chromium.js";
import { createTestApp, type TestApp } from "../support/app.js";

const SCREENSHOT = screenshotPath("graphiql");

let app: TestApp;
let server: RunningServer;
let browser: Browser;
let page: Page;
let meterId: string;
let blocked: string[];

/** A Monaco editor's rendered text, spaces made plain; each checked fragment lies within one line. */
async function editorText(selector: string): Promise<string> {
  const text = await page.locator(`${selector} .view-lines`).filter({ visible: true }).textContent();
  return (text ?? "").replace(/\u00a0/g, " ");
}

beforeAll(async () => {
  app = await createTestApp();
  server = await startHttpServer(app.deps, { port: 0, host: "127.0.0.1" });
  const meter = await app.gql(
    `mutation { createMeter(input: { displayName: "API requests", eventName: "api_requests", aggregation: SUM }) { ... on Meter { id } } }`,
  );
  meterId = meter.data.createMeter.id;
  // launch() gives each run a fresh temporary profile: no GraphiQL tabs left in localStorage.
  const offline = await offlineBrowser({ viewport: { width: 1280, height: 800 } });
  ({ browser, blocked } = offline);
  const { context } = offline;
  page = await context.newPage();
  await page.goto(`${server.url}/graphql`);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await app?.close();
});

describe("GraphiQL in a browser, offline", () => {
  it("renders on Tally's welcome document, with the Headers pane open", async () => {
    const welcome = await editorText(".graphiql-query-editor");
    expect(welcome).toContain("# Welcome to Tally");
    expect(welcome).toContain(`{ "Authorization": "Bearer sk_test_…" }`);
    expect(welcome).toContain("query ListMeters {");
    expect(await page.locator('.graphiql-editor-tools button[data-name="headers"]').getAttribute("class")).toContain(
      "active",
    );
    await page.locator(".graphiql-editor-tool .view-lines").filter({ visible: true }).waitFor();
  });

  it("lists Query in the docs explorer without a key", async () => {
    await page.getByLabel("Show Documentation Explorer").click();
    const docs = page.locator(".graphiql-doc-explorer");
    await docs.getByText("Root Types").waitFor();
    expect(await docs.textContent()).toMatch(/query:\s*Query/);
    await page.getByLabel("Hide Documentation Explorer").click();
  });

  it("runs the welcome document's ListMeters with the key from the Headers pane", async () => {
    await page.locator(".graphiql-editor-tool .view-lines").filter({ visible: true }).click();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type(`{"Authorization": "Bearer ${app.account.testSecretKey}"}`);
    expect(await editorText(".graphiql-editor-tool")).toBe(`{"Authorization": "Bearer ${app.account.testSecretKey}"}`);
    await page.keyboard.press("Home"); // the screenshot shows the header's name

    await page.locator(".graphiql-query-editor .view-line", { hasText: "query ListMeters" }).click();
    await page.keyboard.press("ControlOrMeta+Enter");
    await page.locator(".graphiql-response .view-lines", { hasText: meterId }).waitFor();
    const result = await editorText(".graphiql-response");
    expect(result).toContain(`"displayName": "API requests"`);
    expect(result).not.toContain(`"errors"`);

    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
  });

  it("needed nothing from outside this machine", () => {
    expect(blocked).toEqual([]);
  });
});
