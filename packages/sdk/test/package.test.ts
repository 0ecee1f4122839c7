// The package as a consumer gets it: its manifest and `exports` checked by publint and
// @arethetypeswrong/cli (both offline, on the package packed from this directory), "@tally/sdk"
// resolved through `exports` to the built dist/ (globalSetup builds it), the quick start of
// docs/sdk/README.md run as written, and the Alpaca example run as `pnpm example:alpaca` runs it.
import { execFile } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "./support/server.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const run = promisify(execFile);

let server: TestServer;
beforeAll(async () => void (server = await startServer()));
afterAll(() => server.close());

describe("the built package", () => {
  it("declares ESM and CommonJS exports, each with its types, pointing into dist/", () => {
    const manifest = JSON.parse(readFileSync(`${packageDir}package.json`, "utf8"));
    expect(manifest.type).toBe("module");
    expect(manifest.exports["."]).toEqual({
      import: { types: "./dist/esm/index.d.ts", default: "./dist/esm/index.js" },
      require: { types: "./dist/commonjs/index.d.ts", default: "./dist/commonjs/index.js" },
    });
    expect(manifest.files).toContain("dist");
  });

  it("passes publint and @arethetypeswrong/cli (ESM and CommonJS types resolve for every resolver)", async () => {
    const publint = await run("pnpm", ["exec", "publint", "--strict"], { cwd: packageDir });
    expect(publint.stdout).toContain("All good!");
    const attw = await run("pnpm", ["exec", "attw", "--pack", ".", "--format", "table-flipped"], { cwd: packageDir });
    expect(attw.stdout).toContain("No problems found");
  });

  it("is importable by name from a plain Node process and talks to the server", async () => {
    // Node resolves a package's own name through its `exports` (self-reference), as it would in a consumer's node_modules.
    const script = `
      import { Tally, TallyNotFoundError } from "@tally/sdk";
      const tally = new Tally({ apiKey: process.env.TALLY_API_KEY, url: process.env.TALLY_URL });
      const clock = await tally.testClocks.create({ frozenTime: "2026-01-01T00:00:00Z", name: "from dist" });
      const missing = await tally.customers.retrieve("cus_missing").catch((e) => e);
      console.log(JSON.stringify({ resolved: import.meta.resolve("@tally/sdk"), clock: clock.name, notFound: missing instanceof TallyNotFoundError }));
    `;
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], {
      cwd: packageDir,
      env: { ...process.env, TALLY_URL: server.url, TALLY_API_KEY: server.apiKey },
    });
    const result = JSON.parse(stdout);
    expect(result.resolved).toMatch(/\/packages\/sdk\/dist\/esm\/index\.js$/);
    expect(result).toMatchObject({ clock: "from dist", notFound: true });
  });

  it("runs the Alpaca example against the server and prints the 180.00 preview", async () => {
    const { stdout } = await run("pnpm", ["exec", "tsx", "--tsconfig", "tsconfig.build.json", "examples/alpaca.ts"], {
      cwd: packageDir,
      env: { ...process.env, TALLY_URL: server.url, TALLY_API_KEY: server.apiKey },
    });
    expect(stdout).toContain("Preview invoice for John Doe");
    expect(stdout).toMatch(/USAGE .* 2000 × 0\.04 *= *80\.00/);
    expect(stdout).toMatch(/LICENSE .* 1 × 100 *= *100\.00/);
    expect(stdout).toContain("total 180.00 usd");
    expect(stdout).toMatch(/Invoice \S+ OPEN total 180\.00 usd/);
    expect(stdout).toContain("January usage: 3000 tokens");
  });

  it("runs the quick start of docs/sdk/README.md as written, printing the 180.00 preview", async () => {
    const guide = readFileSync(new URL("../../../docs/sdk/README.md", import.meta.url), "utf8");
    const quickStart = /## Quick start[\s\S]*?```ts\n([\s\S]*?)```/.exec(guide)?.[1];
    expect(quickStart).toContain('from "@tally/sdk"');
    // Inside the package, so "@tally/sdk" resolves to dist/ through `exports`, as in a consumer.
    const file = `${packageDir}test/.quickstart-${process.pid}.mts`;
    writeFileSync(file, quickStart!);
    try {
      const { stdout } = await run("pnpm", ["exec", "tsx", "--tsconfig", "tsconfig.build.json", file], {
        cwd: packageDir,
        env: { ...process.env, TALLY_URL: server.url, TALLY_API_KEY: server.apiKey },
      });
      expect(stdout).toMatch(/amount: '180\.00'/);
    } finally {
      rmSync(file, { force: true });
    }
  });
});
