// The embedded database's thread (db/embedded*.ts): whole messages out of any cut of the byte
// stream, connections served one at a time, and nothing of a dropped connection's session (an
// open transaction, prepared statements, settings) left to the next.
import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FrontendMessages } from "../../src/db/embedded-protocol.js";
import { IN_MEMORY } from "../../src/db/config.js";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../../src/db/embedded.js";

/** A frontend message: a type byte (none for the startup message), its length, then its body. */
function message(type: number | null, body: Uint8Array): Buffer {
  const header = Buffer.alloc(type === null ? 4 : 5);
  if (type !== null) header[0] = type;
  header.writeInt32BE(4 + body.length, type === null ? 0 : 1);
  return Buffer.concat([header, body]);
}

describe("FrontendMessages", () => {
  it("hands back exactly the messages sent, each whole, however the stream is cut", () => {
    const body = fc.uint8Array({ maxLength: 300 });
    fc.assert(
      fc.property(
        body,
        fc.array(fc.tuple(fc.integer({ min: 0x41, max: 0x57 }), body), { maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (startup, rest, cuts) => {
          const messages = [message(null, startup), ...rest.map(([type, b]) => message(type, b))];
          const stream = Buffer.concat(messages);
          const boundaries = new Set(
            messages.map((_, i) => messages.slice(0, i + 1).reduce((n, m) => n + m.length, 0)),
          );
          const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
          const reader = new FrontendMessages();
          const out: Buffer[] = [];
          let received = 0;
          let from = 0;
          for (const to of [...points, stream.length]) {
            const complete = reader.push(stream.subarray(from, to));
            from = to;
            if (complete === null) continue;
            out.push(complete);
            received += complete.length;
            expect(boundaries.has(received)).toBe(true);
          }
          expect(Buffer.concat(out).equals(stream)).toBe(true);
          expect(reader.terminated).toBe(false);
        },
      ),
    );
  });

  it("keeps Terminate and anything after it from the database, and says the client ended", () => {
    const reader = new FrontendMessages();
    const query = message(0x51, Buffer.from("SELECT 1\0"));
    const startup = message(null, Buffer.alloc(4));
    expect(
      reader
        .push(Buffer.concat([startup, query, message(0x58, Buffer.alloc(0)), query]))
        ?.equals(Buffer.concat([startup, query])),
    ).toBe(true);
    expect(reader.terminated).toBe(true);
    expect(reader.push(query)).toBeNull();
  });
});

describe("the embedded database's connections", () => {
  let embedded: EmbeddedPostgres;
  beforeAll(async () => {
    embedded = await startEmbeddedPostgres(IN_MEMORY);
    const client = await connect();
    await client.query(`CREATE TABLE kept (n int)`);
    await client.end();
  });
  afterAll(() => embedded.close());

  async function connect(): Promise<pg.Client> {
    const client = new pg.Client({ host: embedded.socketDir, user: "postgres", database: "postgres" });
    await client.connect();
    return client;
  }

  it("leaves nothing of a dropped connection's session to the next", async () => {
    const dropped = await connect();
    await dropped.query(`SET statement_timeout = '7s'`);
    await dropped.query({ name: "left_behind", text: "SELECT $1::int AS n", values: [1] });
    await dropped.query("BEGIN");
    await dropped.query("INSERT INTO kept VALUES (1)");
    dropped.on("error", () => {});
    dropped.connection.stream.destroy(); // no COMMIT, no Terminate

    const next = await connect();
    expect((await next.query("SELECT count(*)::int AS n FROM kept")).rows).toEqual([{ n: 0 }]);
    expect((await next.query("SHOW statement_timeout")).rows).toEqual([{ statement_timeout: "0" }]);
    // PGlite's own session setting survives the reset (RESET alone would make it pg_catalog).
    expect((await next.query("SHOW search_path")).rows).toEqual([{ search_path: "public" }]);
    // The same statement name can be prepared again: the old one is gone.
    expect((await next.query({ name: "left_behind", text: "SELECT $1::int + 1 AS n", values: [1] })).rows).toEqual([
      { n: 2 },
    ]);
    await next.query("INSERT INTO kept VALUES (2)"); // autocommit: no transaction was left open
    await next.end();
    const last = await connect();
    expect((await last.query("SELECT n FROM kept")).rows).toEqual([{ n: 2 }]);
    await last.query("DELETE FROM kept");
    await last.end();
  });

  it("serves a second connection once the first has closed, not in the middle of its transaction", async () => {
    const first = await connect();
    await first.query("BEGIN");
    await first.query("INSERT INTO kept VALUES (1)");
    const second = connect().then(async (client) => {
      const { rows } = await client.query("SELECT count(*)::int AS n FROM kept");
      await client.end();
      return rows;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await first.query("INSERT INTO kept VALUES (2)");
    await first.query("COMMIT");
    await first.end();
    expect(await second).toEqual([{ n: 2 }]);
  });
});
