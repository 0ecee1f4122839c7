// Single-event ingest (figure id single-ingest): recordMeterEvent at 32 connections → req/s, p50/p99.
// Reference (same server, same run): the same document with an empty identifier, which the
// server answers with an InvalidInputError before any lookup or write. It goes through everything
// a request does — HTTP, yoga, key authentication, parse and validation (cached), variable
// coercion, the resolver and its error union, serialisation — except the database work of
// recording, so the ratio is the share of throughput that recording an event leaves.
import type { IngestFixture } from "./batched-ingest.js";
import { combine, runLoad, type LoadResult } from "../lib/load.js";
import type { Session } from "../lib/session.js";

const RECORD_EVENT = `mutation($input: RecordMeterEventInput!) { recordMeterEvent(input: $input) {
  __typename ... on MeterEvent { identifier timestamp value } ... on Error { code message } } }`;

export interface SingleIngestResult {
  record: LoadResult;
  noop: LoadResult;
}

export async function singleIngest(
  session: Session,
  fixture: IngestFixture,
  options: { connections: number; seconds: number },
): Promise<SingleIngestResult> {
  const run = (tag: string, seconds: number, identifier: (i: number) => string, expect: string) =>
    runLoad({
      url: session.server.url,
      key: session.api.key,
      connections: options.connections,
      duration: seconds,
      body: (i) =>
        JSON.stringify({
          query: RECORD_EVENT,
          variables: {
            input: {
              eventName: fixture.eventName,
              customerId: fixture.customers[i % fixture.customers.length],
              value: String((i % 97) + 0.25),
              identifier: identifier(i),
            },
          },
        }),
      check: (text) => {
        const typename = JSON.parse(text).data?.recordMeterEvent?.__typename;
        if (typename !== expect) throw new Error(`${tag}: expected ${expect}, got ${text.slice(0, 300)}`);
      },
    });
  const record = (tag: string, seconds: number) => run(tag, seconds, (i) => `${tag}-${i}`, "MeterEvent");
  const noop = (seconds: number) => run("noop", seconds, () => "", "InvalidInputError");
  // Warm-up of both paths (compilation settles over thousands of requests), then alternating
  // rounds, so that both see the same share of the machine's noise.
  await noop(3);
  await record("single-warmup", 3);
  const rounds = 3;
  const references: LoadResult[] = [];
  const measured: LoadResult[] = [];
  session.server.resetPeakRss();
  for (let round = 0; round < rounds; round += 1) {
    references.push(await noop(options.seconds / rounds));
    measured.push(await record(`single-${round}`, options.seconds / rounds));
  }
  session.peakRss.push({
    figure: "single-ingest",
    database: session.target.kind,
    bytes: session.server.peakRss(),
  });
  return { record: combine(measured), noop: combine(references) };
}
