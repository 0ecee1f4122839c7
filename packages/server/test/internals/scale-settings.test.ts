// The settings of docs/operations/configuration.md for PgBouncer (unnamed statements) and the
// streamed ingest: what each value means, and that a mistaken one stops the server at start.
import { describe, expect, it } from "vitest";
import { databaseConfigFromEnv } from "../../src/db/config.js";
import { streamSettingsFromEnv } from "../../src/services/meter-events/stream/settings.js";

describe("the statement cache", () => {
  const url = "postgresql://tally@db:5432/tally";
  it("is on by default, off with pgbouncer=true (removed from the URL) or TALLY_DB_STATEMENT_CACHE=off", () => {
    expect(databaseConfigFromEnv({ DATABASE_URL: url })).toEqual({ kind: "postgres", url, statementCache: true });
    expect(databaseConfigFromEnv({ DATABASE_URL: `${url}?pgbouncer=true&sslmode=disable` })).toEqual({
      kind: "postgres",
      url: `${url}?sslmode=disable`,
      statementCache: false,
    });
    expect(databaseConfigFromEnv({ DATABASE_URL: url, TALLY_DB_STATEMENT_CACHE: "off" })).toMatchObject({
      statementCache: false,
    });
    expect(databaseConfigFromEnv({ DATABASE_URL: `${url}?pgbouncer=false` })).toMatchObject({ statementCache: true });
  });

  it("refuses values it does not know", () => {
    expect(() => databaseConfigFromEnv({ DATABASE_URL: `${url}?pgbouncer=yes` })).toThrow(/pgbouncer/);
    expect(() => databaseConfigFromEnv({ DATABASE_URL: url, TALLY_DB_STATEMENT_CACHE: "0" })).toThrow(
      /TALLY_DB_STATEMENT_CACHE/,
    );
  });
});

describe("the streamed ingest's settings", () => {
  it("are null for the direct ingest, and complete for JetStream", () => {
    expect(streamSettingsFromEnv({})).toBeNull();
    expect(streamSettingsFromEnv({ TALLY_INGEST: "direct" })).toBeNull();
    expect(streamSettingsFromEnv({ TALLY_INGEST: "jetstream", TALLY_NATS_URL: "nats://n:4222" })).toEqual({
      natsUrl: "nats://n:4222",
      streamName: "TALLY_METER_EVENTS",
      consume: true,
      fenceTimeoutMs: 5000,
    });
    expect(
      streamSettingsFromEnv({
        TALLY_INGEST: "jetstream",
        TALLY_NATS_URL: "nats://n:4222",
        TALLY_NATS_STREAM: "EVENTS_2",
        TALLY_STREAM_CONSUMER: "off",
        TALLY_STREAM_FENCE_TIMEOUT_MS: "250",
      }),
    ).toEqual({ natsUrl: "nats://n:4222", streamName: "EVENTS_2", consume: false, fenceTimeoutMs: 250 });
  });

  it("stop the server on a mistake", () => {
    expect(() => streamSettingsFromEnv({ TALLY_INGEST: "kafka" })).toThrow(/TALLY_INGEST/);
    expect(() => streamSettingsFromEnv({ TALLY_INGEST: "jetstream" })).toThrow(/TALLY_NATS_URL/);
    const base = { TALLY_INGEST: "jetstream", TALLY_NATS_URL: "nats://n:4222" };
    expect(() => streamSettingsFromEnv({ ...base, TALLY_NATS_STREAM: "a.b" })).toThrow(/TALLY_NATS_STREAM/);
    expect(() => streamSettingsFromEnv({ ...base, TALLY_STREAM_FENCE_TIMEOUT_MS: "-1" })).toThrow(/FENCE/);
  });
});
