// The server under test: the real `tally serve` in a child process, on a port of its own, and its
// memory as the kernel counts it (/proc/<pid>/status).
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const serverRoot = join(dirname(fileURLToPath(import.meta.url)), "../..");

export interface ServerProcess {
  url: string;
  pid: number;
  /** Starts a new peak-RSS window (clear_refs 5 resets VmHWM). */
  resetPeakRss(): void;
  /** The largest resident set since the last reset, in bytes. */
  peakRss(): number;
  stop(): Promise<void>;
  /** A new server process with the same environment plus `env` (after stop()). */
  restart(env?: Record<string, string>): Promise<ServerProcess>;
}

function statusField(pid: number, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!match) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

/**
 * Starts `node bin/tally.js serve` (or `command`) with `env` (DATABASE_URL or TALLY_DATA_DIR, …) on
 * a free port and resolves once it logs that it serves. NODE_ENV=production, as operators run it.
 */
export async function startServer(
  env: Record<string, string>,
  options: { command?: string[] } = {},
): Promise<ServerProcess> {
  const command = options.command ?? ["bin/tally.js", "serve"];
  // BENCH_CPU_PROF=<dir>: V8 CPU profiles of the servers, written when they stop.
  const profile = process.env.BENCH_CPU_PROF;
  const args = [...(profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}`] : []), ...command];
  const child = spawn(process.execPath, args, {
    cwd: serverRoot,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: "0",
      TALLY_BILLING_INTERVAL_SECONDS: "60",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      for (const line of output.split("\n")) {
        if (!line.includes("Tally is serving")) continue;
        const { graphql } = JSON.parse(line) as { graphql: string };
        child.stdout!.off("data", onData);
        resolve(graphql.replace("localhost", "127.0.0.1"));
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => void (output += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`server exited (${code}) before serving:\n${output}`)));
  });
  // Keep draining the pipes; only errors are worth showing.
  child.stdout!.resume();
  child.stderr!.on("data", (chunk: Buffer) => process.stderr.write(`[server] ${chunk}`));
  const pid = child.pid!;
  return {
    url,
    pid,
    resetPeakRss: () => writeFileSync(`/proc/${pid}/clear_refs`, "5"),
    peakRss: () => statusField(pid, "VmHWM"),
    stop: () => stopChild(child),
    restart: (more = {}) => startServer({ ...env, ...more }, options),
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  // A killed process has a signalCode and no exitCode: it has exited all the same.
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    // A graceful stop finishes in-flight requests; a stuck one must not hang the run.
    const kill = setTimeout(() => {
      process.stderr.write("server did not stop within 15 s: killing it\n");
      child.kill("SIGKILL");
    }, 15_000);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
