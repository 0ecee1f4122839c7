// The package as an outside project gets it: built (globalSetup), packed with `pnpm pack`,
// installed into a temporary directory outside the workspace, type-checked there by tsc with the
// consumer's own strict settings, then run (ESM and CommonJS) against a real server. Offline: the
// package's dependencies are linked from this workspace's install, as a registry would provide them.
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "./support/server.js";

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL("..", import.meta.url));
const fromPackage = createRequire(join(packageDir, "package.json"));

/** The directory of an installed package, as this workspace resolved it. */
const installed = (name: string) => dirname(fromPackage.resolve(`${name}/package.json`));

let server: TestServer;
let consumer: string;
beforeAll(async () => {
  consumer = mkdtempSync(join(tmpdir(), "tally-sdk-consumer-"));
  const { stdout } = await run("pnpm", ["pack", "--pack-destination", consumer], { cwd: packageDir });
  const tarball = stdout.trim().split("\n").at(-1)!;
  const sdk = join(consumer, "node_modules/@tally/sdk");
  mkdirSync(sdk, { recursive: true });
  await run("tar", ["-xzf", tarball, "-C", sdk, "--strip-components=1"]);
  const manifest = JSON.parse(readFileSync(join(sdk, "package.json"), "utf8"));
  for (const name of [...Object.keys(manifest.dependencies ?? {}), "@types/node"]) {
    mkdirSync(dirname(join(consumer, "node_modules", name)), { recursive: true });
    symlinkSync(installed(name), join(consumer, "node_modules", name), "dir");
  }
  cpSync(fileURLToPath(new URL("consumer", import.meta.url)), consumer, { recursive: true });
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
  rmSync(consumer, { recursive: true, force: true });
});

const env = () => ({ ...process.env, TALLY_URL: server.url, TALLY_API_KEY: server.apiKey });

describe("an outside consumer of the packed package", () => {
  it("gets dist/, the README, the CHANGELOG and a manifest without workspace ranges", () => {
    const sdk = join(consumer, "node_modules/@tally/sdk");
    expect(readdirSync(sdk).sort()).toEqual(["CHANGELOG.md", "README.md", "dist", "package.json"]);
    expect(readdirSync(join(sdk, "dist")).sort()).toEqual(["commonjs", "esm"]);
    const manifest = JSON.parse(readFileSync(join(sdk, "package.json"), "utf8"));
    expect(manifest.devDependencies?.["@tally/server"]).not.toMatch(/^workspace:/);
    expect(Object.keys(manifest.dependencies).sort()).toEqual(["@graphql-typed-document-node/core", "graphql"]);
  });

  it("type-checks, then runs the seed's flow: a lost createSubscription retried once, backward paging", async () => {
    const tsc = join(installed("typescript"), "bin/tsc");
    await run(process.execPath, [tsc, "-p", consumer], { cwd: consumer }).catch((error: { stdout: string }) =>
      expect.fail(`tsc failed:\n${error.stdout}`),
    );
    const { stdout } = await run(process.execPath, ["out/flow.js"], { cwd: consumer, env: env() });
    const seen = JSON.parse(stdout);

    // The first response was lost; the retry carried the same key and got the first result: one subscription.
    expect(seen.subscriptionRequests).toHaveLength(2);
    expect(seen.subscriptionRequests[1]).toBe(seen.subscriptionRequests[0]);
    expect(seen.subscriptionIds).toEqual([seen.subscriptionId]);
    expect(seen.requestId).toMatch(/^req_/);

    expect(seen.eventValue).toBe("3000");
    expect(seen.previewTotal).toBe("180.00");
    expect(seen.openTotals).toContain("180.00");

    expect(seen.allIds).toHaveLength(3);
    expect(seen.lastIds).toEqual(seen.allIds.slice(2));
    expect(seen.beforeIds).toEqual(seen.allIds.slice(0, 2));
    expect(seen.beforeHasMore).toBe(false);
    expect(seen.notFound).toBe(true);
  });

  it("require()s the CommonJS build", async () => {
    const { stdout } = await run(process.execPath, ["require.cjs"], { cwd: consumer, env: env() });
    expect(JSON.parse(stdout)).toEqual({ name: "from require", notFound: true });
  });
});
