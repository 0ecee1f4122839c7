// Prisma CLI configuration: the JS schema engine through the same driver adapters as the server
// (no native engine can be downloaded on our machines).
import { defineConfig } from "prisma/config";
import { type OpenAdapter, openAdapterFactory } from "./src/db/adapter.js";

// The WASM schema engine leaves a long timer behind; unref long timers so the CLI exits.
const setTimeoutOriginal = globalThis.setTimeout;
globalThis.setTimeout = ((fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
  const timer = setTimeoutOriginal(fn, ms, ...args);
  if ((ms ?? 0) >= 1000) timer.unref?.();
  return timer;
}) as typeof setTimeout;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  // The CLI asks for the adapter more than once (to describe the datasource, then to migrate): a
  // second PGlite on the same data folder would corrupt it, so every request shares one.
  adapter: async () => (await sharedAdapter()).another(),
});

let opened: Promise<OpenAdapter> | undefined;
function sharedAdapter(): Promise<OpenAdapter> {
  opened ??= openAdapterFactory().then((adapter) => {
    // An unclosed file-backed PGlite is corrupted after DDL: close it before the CLI exits.
    process.once("beforeExit", () => void adapter.close());
    return adapter;
  });
  return opened;
}
