// Debian's Chromium for the browser tests, offline: every request off this machine is refused and
// recorded, so a page that works here works without a network.
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium } from "playwright-core";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

export interface OfflineBrowser {
  browser: Browser;
  context: BrowserContext;
  /** The URLs off this machine the pages asked for (each refused). */
  blocked: string[];
}

/** A fresh Chromium (launch() gives each run a new temporary profile) with one offline context. */
export async function offlineBrowser(options: BrowserContextOptions): Promise<OfflineBrowser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package.`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext(options);
  const blocked: string[] = [];
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (LOOPBACK.has(url.hostname)) return route.continue();
    blocked.push(url.href);
    return route.abort();
  });
  return { browser, context, blocked };
}

/** Where a screenshot goes: docs/images/<name>.png with TALLY_UPDATE_SCREENSHOTS set, else a temporary file. */
export function screenshotPath(name: string): string {
  return process.env.TALLY_UPDATE_SCREENSHOTS
    ? fileURLToPath(new URL(`../../../../docs/images/${name}.png`, import.meta.url))
    : join(tmpdir(), `tally-${name}.png`);
}
