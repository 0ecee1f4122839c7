// Three builds from one config, chosen by --mode (docs/elements.md#building):
//   lib     dist/lib: the React components as an ES module; React, Chart.js and @tally/sdk/browser stay imports
//   mount   dist/mount: mount() with React and Chart.js inside, for pages without a bundler or React
//   portal  dist/portal: the customer portal page the server serves at /portal, every asset local
import { fileURLToPath } from "node:url";
import { defineConfig, type UserConfig } from "vite";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const shared: UserConfig = {
  // The SDK's sources: its dist/ is built only when it is packed; the elements import its browser client only.
  resolve: {
    alias: [
      { find: /^@tally\/sdk\/browser$/, replacement: here("../sdk/src/browser.ts") },
      { find: /^@tally\/sdk$/, replacement: here("../sdk/src/index.ts") },
    ],
  },
  oxc: { jsx: { runtime: "automatic" } },
  logLevel: "warn",
};

const builds: Record<string, UserConfig> = {
  lib: {
    build: {
      outDir: here("dist/lib"),
      emptyOutDir: true,
      lib: { entry: here("src/index.ts"), formats: ["es"], fileName: "index", cssFileName: "elements" },
      rolldownOptions: { external: [/^react(-dom)?(\/|$)/, /^chart\.js(\/|$)/, /^@tally\/sdk(\/browser)?$/] },
    },
    resolve: { alias: [] },
  },
  mount: {
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    build: {
      outDir: here("dist/mount"),
      emptyOutDir: true,
      minify: true,
      lib: { entry: here("src/mount.tsx"), formats: ["es"], fileName: "mount", cssFileName: "elements" },
    },
  },
  portal: {
    root: here("portal"),
    // The server serves the page at /portal and its files under /portal/assets/.
    base: "/portal/",
    build: { outDir: here("dist/portal"), emptyOutDir: true, assetsInlineLimit: 0 },
  },
};

export default defineConfig(({ mode }) => {
  const build = builds[mode];
  if (!build) throw new Error(`vite build --mode ${mode}: use one of ${Object.keys(builds).join(", ")}.`);
  return { ...shared, ...build, resolve: build.resolve ?? shared.resolve };
});
