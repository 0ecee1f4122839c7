import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Component tests in happy-dom (a DOM without layout or canvas: the chart's data table stands in for it);
// the portal's tests in Chromium are the server's (packages/server/test/browser/portal.test.ts).
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@tally\/sdk\/browser$/, replacement: fileURLToPath(new URL("../sdk/src/browser.ts", import.meta.url)) },
      { find: /^@tally\/sdk$/, replacement: fileURLToPath(new URL("../sdk/src/index.ts", import.meta.url)) },
    ],
  },
  oxc: { jsx: { runtime: "automatic" } },
  test: { environment: "happy-dom", include: ["test/**/*.test.{ts,tsx}"] },
});
