// The LLM tokens example (docs/concepts/prices.md#segments) run as `pnpm example:llm-tokens` runs
// it, against the real server: segmented lines adding up to 61.30, usage grouped by model, and an
// alert on gpt-large tokens that other models' tokens do not fire.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "./support/server.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const run = promisify(execFile);

let server: TestServer;
beforeAll(async () => void (server = await startServer()));
afterAll(() => server.close());

describe("pnpm example:llm-tokens", () => {
  it("prints one line per segment, the remainder, the 61.30 total, usage by model and the alert", async () => {
    const { stdout } = await run(
      "pnpm",
      ["exec", "tsx", "--tsconfig", "tsconfig.build.json", "examples/llm-tokens.ts"],
      {
        cwd: packageDir,
        env: { ...process.env, TALLY_URL: server.url, TALLY_API_KEY: server.apiKey },
      },
    );
    expect(stdout).toMatch(/LLM tokens \(model: gpt-large, token_type: input\) +1200000 = +12\.00/);
    expect(stdout).toMatch(
      /LLM tokens \(model: gpt-large, token_type: output\) — tier 1 \(up to 1000000\) +1000000 = +30\.00/,
    );
    expect(stdout).toMatch(
      /LLM tokens \(model: gpt-large, token_type: output\) — tier 2 \(above 1000000\) +500000 = +12\.50/,
    );
    expect(stdout).toMatch(/LLM tokens \(model: gpt-small, token_type: input\) +3000000 = +3\.00/);
    expect(stdout).toMatch(/LLM tokens \(model: gpt-small, token_type: output\) +800000 = +3\.20/);
    expect(stdout).toMatch(/LLM tokens +300000 = +0\.60/);
    expect(stdout).toContain("total 61.30 usd");
    expect(stdout).toContain("March tokens, model gpt-large: 2700000");
    expect(stdout).toContain("March tokens, model gpt-small: 3800000");
    expect(stdout).toContain("March tokens, model gpt-mini: 250000");
    expect(stdout).toContain("March tokens, model (none): 50000");
    expect(stdout).toContain('Alert "3M gpt-large tokens": not fired');
  });
});
