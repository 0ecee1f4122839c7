// A clean stop is a success: `pnpm start` (as users run it) and `tally serve` (as process managers
// run it) stop on SIGTERM with exit code 0, and pnpm prints no failure.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const serverRoot = join(dirname(fileURLToPath(import.meta.url)), "../..");
const repoRoot = join(serverRoot, "../..");

/** Starts `command` on a free port, waits for /readyz, sends SIGTERM; resolves with the exit and output. */
async function startAndTerminate(command: string, args: string[], cwd: string) {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", TALLY_DATA_DIR: "memory://" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = once(child, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const serving = /"graphql":"(http:\/\/[^"]+)\/graphql"/.exec(output);
      if (serving) resolve(serving[1]!.replace("localhost", "127.0.0.1"));
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    void exited.then(() => reject(new Error(`exited before serving:\n${output}`)));
  });
  expect((await fetch(`${url}/readyz`)).status).toBe(200);
  child.kill("SIGTERM");
  const [code, signal] = await exited;
  return { code, signal, output };
}

describe("a clean stop", () => {
  it("`pnpm start`, sent SIGTERM, exits 0 without a failure line", { timeout: 180_000 }, async () => {
    const { code, signal, output } = await startAndTerminate("pnpm", ["start"], repoRoot);
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(output).toContain('"message":"stopped"');
    expect(output).not.toMatch(/Command failed|ELIFECYCLE|ERR_PNPM/);
  });

  it("`tally serve`, sent SIGTERM, exits 0", { timeout: 180_000 }, async () => {
    const { code, signal, output } = await startAndTerminate(process.execPath, ["bin/tally.js", "serve"], serverRoot);
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(output).toContain('"message":"stopped"');
  });
});
