// /portal: the customer portal page, built from @tally/elements at install (packages/elements/dist/portal)
// and served from memory with its content types; nothing loads from elsewhere (docs/elements.md#the-customer-portal).
// The page reads its session token from the URL fragment, which browsers never send, so no request
// to these routes carries a token to log.
import { readdir, readFile } from "node:fs/promises";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Plugin } from "graphql-yoga";
import type { Logger } from "../logger.js";

const PREFIX = "/portal";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".json": "application/json",
};

/** Scripts, styles and data from this server only; the API is same-origin; no framing (clickjacking). */
const SECURITY_HEADERS = {
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
};

interface Asset {
  body: Uint8Array<ArrayBuffer>;
  type: string;
}

/**
 * Where the elements package's build wrote the page, beside this package in the workspace (the server
 * runs from its checkout; a package dependency would close a cycle: elements → sdk → server).
 */
export const DEFAULT_PORTAL_DIR = fileURLToPath(new URL("../../../elements/dist/portal", import.meta.url));

/** The built page and its assets by URL path, read once (a few hundred kilobytes). */
async function loadAssets(dir: string): Promise<Map<string, Asset>> {
  const assets = new Map<string, Asset>();
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const urlPath = `${PREFIX}/${path
      .slice(dir.length + 1)
      .split("\\")
      .join("/")}`;
    assets.set(urlPath, {
      body: new Uint8Array(await readFile(path)),
      type: CONTENT_TYPES[extname(entry.name)] ?? "application/octet-stream",
    });
  }
  return assets;
}

export function usePortal(options: { dir?: string; logger: Logger }): Plugin {
  let assets: Promise<Map<string, Asset> | null> | undefined;
  const load = () =>
    (assets ??= (async () => loadAssets(options.dir ?? DEFAULT_PORTAL_DIR))().catch((error: unknown) => {
      options.logger.error(
        "the customer portal is not built: run `pnpm install` (or `pnpm --filter @tally/elements build:portal`)",
        {
          error: error instanceof Error ? error : new Error(String(error)),
        },
      );
      return null;
    }));
  return {
    async onRequest({ request, url, endResponse }) {
      if (url.pathname !== PREFIX && !url.pathname.startsWith(`${PREFIX}/`)) return;
      if (request.method !== "GET" && request.method !== "HEAD") {
        endResponse(new Response("Method not allowed", { status: 405, headers: { allow: "GET, HEAD" } }));
        return;
      }
      const built = await load();
      if (!built) {
        endResponse(new Response("The customer portal is not built on this server.", { status: 503 }));
        return;
      }
      const page = url.pathname === PREFIX || url.pathname === `${PREFIX}/`;
      const asset = built.get(page ? `${PREFIX}/index.html` : url.pathname);
      if (!asset) {
        endResponse(
          new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } }),
        );
        return;
      }
      // Assets carry a content hash in their names; the page itself must be fetched anew to find new ones.
      const caching = page ? "no-cache" : "public, max-age=31536000, immutable";
      const headers = { ...SECURITY_HEADERS, "content-type": asset.type, "cache-control": caching };
      endResponse(new Response(request.method === "HEAD" ? null : asset.body, { headers }));
    },
  };
}
