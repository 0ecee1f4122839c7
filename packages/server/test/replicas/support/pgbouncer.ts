// Debian's pgbouncer (/usr/sbin/pgbouncer) in transaction mode in front of the test PostgreSQL
// server, on a free port, started and stopped by the test (as root it runs as `postgres`, since
// pgbouncer refuses to run as root).
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface PgBouncer {
  /** `url` with its host and port replaced by pgbouncer's. */
  through(url: string): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startPgBouncer(
  target: { host: string; port: number },
  options: { poolSize?: number } = {},
): Promise<PgBouncer> {
  const dir = mkdtempSync(join(tmpdir(), "tally-pgbouncer-"));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const ini = join(dir, "pgbouncer.ini");
  writeFileSync(join(dir, "users.txt"), '"postgres" ""\n', { mode: 0o644 });
  writeFileSync(
    ini,
    [
      "[databases]",
      `* = host=${target.host} port=${target.port}`,
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${port}`,
      "unix_socket_dir =",
      "auth_type = trust",
      `auth_file = ${join(dir, "users.txt")}`,
      "pool_mode = transaction",
      // Fewer server connections than the client's pool: consecutive statements of one client
      // connection land on different server connections, as they do in production.
      `default_pool_size = ${options.poolSize ?? 3}`,
      "max_client_conn = 500",
      "",
    ].join("\n"),
    { mode: 0o644 },
  );
  const args = process.getuid?.() === 0 ? ["-u", "postgres", ini] : [ini];
  const child: ChildProcess = spawn("/usr/sbin/pgbouncer", args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("process up")) resolve();
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`pgbouncer exited (${code}):\n${output}`)));
  });
  return {
    through(url) {
      const u = new URL(url);
      u.host = `127.0.0.1:${port}`;
      return u.toString();
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await once(child, "exit");
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
