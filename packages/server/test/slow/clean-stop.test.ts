// A clean stop is a success: `pnpm start` (as users run it) and `tally serve` (as process managers
// run it) stop on SIGTERM with exit code 0, and pnpm prints no failure.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const serverRoot = join(dirname(fileURLToPath(import.meta.url)), "../..");
const repoRoot = join(serverRoot, "../..");

/**
 * Starts `command` on a free port in a process group of its own, waits for /readyz, then sends
 * `signal` to the command alone or, as a terminal's Ctrl-C does, to its whole group; resolves with
 * the exit and output.
 */
async function startAndStop(
  command: string,
  args: string[],
  cwd: string,
  stop: { signal: NodeJS.Signals; to: "process" | "group" } = { signal: "SIGTERM", to: "process" },
) {
  const child = spawn(command, args, {
    cwd,
    detached: true,
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
  if (stop.to === "group") process.kill(-child.pid!, stop.signal);
  else child.kill(stop.signal);
  const [code, signal] = await exited;
  return { code, signal, output };
}

describe("a clean stop", () => {
  it("`pnpm start`, sent SIGTERM, exits 0 without a failure line", { timeout: 180_000 }, async () => {
    const { code, signal, output } = await startAndStop("pnpm", ["start"], repoRoot);
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(output).toContain('"message":"stopped"');
    expect(output).not.toMatch(/Command failed|ELIFECYCLE|ERR_PNPM/);
  });

  // The signal reaches the server twice, directly and forwarded by pnpm: the second must not kill it mid-close.
  it.each(["SIGINT", "SIGTERM"] as const)(
    "`pnpm start`, its whole process group sent %s (a terminal's Ctrl-C, a group kill), exits 0 without a failure line, twice in a row",
    { timeout: 300_000 },
    async (signal) => {
      for (let round = 0; round < 2; round += 1) {
        const { code, output } = await startAndStop("pnpm", ["start"], repoRoot, { signal, to: "group" });
        expect(code).toBe(0);
        expect(output).toContain('"message":"stopped"');
        expect(output).not.toMatch(/Command failed|ELIFECYCLE|ERR_PNPM/);
      }
    },
  );

  it("`tally serve`, sent SIGTERM, exits 0", { timeout: 180_000 }, async () => {
    const { code, signal, output } = await startAndStop(process.execPath, ["bin/tally.js", "serve"], serverRoot);
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(output).toContain('"message":"stopped"');
  });
});
