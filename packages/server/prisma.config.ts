// Prisma CLI configuration: the JS schema engine through the same driver adapters as the server
// (no native engine can be downloaded on our machines).
import { defineConfig } from "prisma/config";
import { openAdapterFactory } from "./src/db/adapter.js";

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
  async adapter() {
    const { factory, close } = await openAdapterFactory();
    // An unclosed file-backed PGlite is corrupted after DDL: close it before the CLI exits.
    process.once("beforeExit", () => void close());
    return factory;
  },
});
