// Spend control at ingest (figure id spend-control): batched (recordMeterEvents ×1000) and single
// (recordMeterEvent) ingest for customers whose subscriptions have a BLOCK_EVENTS spend cap, whose
// meter a SPEND alert watches and who have bought credits with an auto-recharge
// (docs/concepts/subscriptions.md#spend-caps, docs/concepts/credits.md#auto-recharge), against the
// same ingest for customers without any (same server, same run, rounds alternating). The cap and
// the alert's threshold are out of reach, so every event is accepted and both sides store the same;
// one customer's auto-recharge threshold is crossed early, and the figure checks that exactly it
// was recharged, once.
import { type Api, meteredPrice } from "../lib/api.js";
import { combine, runLoad, type LoadResult } from "../lib/load.js";
import type { Session } from "../lib/session.js";

export interface SpendControlScale {
  customers: number;
  /** Events per side and round of the batched part. */
  events: number;
  clients: number;
  /** Seconds per side of the single-event part. */
  seconds: number;
  connections: number;
}

export interface SpendControlResult {
  batched: { with: number; without: number };
  single: { with: LoadResult; without: LoadResult };
}

interface Side {
  eventName: string;
  customers: string[];
}

const BATCH = 1000;
const ROUNDS = 3;

async function side(a: Api, tag: string, customers: number, watched: boolean): Promise<Side> {
  const eventName = `spend_${tag}`;
  const meter = await a.mutate(
    "createMeter",
    "CreateMeterInput",
    { displayName: `Spend ${tag}`, eventName, aggregation: "SUM" },
    "Meter",
  );
  const priceId = await meteredPrice(a, meter.id, "0.01");
  const ids: string[] = [];
  for (let i = 0; i < customers; i += 1) {
    const customer = await a.mutate("createCustomer", "CreateCustomerInput", { name: `${tag} ${i}` }, "Customer");
    await a.mutate(
      "createSubscription",
      "CreateSubscriptionInput",
      {
        customerId: customer.id,
        items: [{ priceId }],
        ...(watched ? { spendCap: { amount: "1000000000", behavior: "BLOCK_EVENTS" } } : {}),
      },
      "Subscription",
    );
    ids.push(customer.id);
    if (watched) {
      // The first customer's 2.00 falls to its 1.00 threshold within its first events; the others' never does.
      const first = i === 0;
      const credits = { customerId: customer.id, amount: first ? "2" : "1000000000", currency: "usd" };
      await a.mutate("purchaseCredits", "PurchaseCreditsInput", credits, "CreditPurchase");
      const autoRecharge = { currency: "usd", thresholdAmount: "1", fixedAmount: "1000000000", monthlyLimit: 1 };
      await a.mutate(
        "setCreditAutoRecharge",
        "SetCreditAutoRechargeInput",
        { customerId: customer.id, autoRecharge },
        "Customer",
      );
    }
  }
  if (watched) {
    await a.mutate(
      "createUsageAlert",
      "CreateUsageAlertInput",
      { title: "spend", type: "SPEND", meterId: meter.id, threshold: "1000000000", recurrence: "EVERY_PERIOD" },
      "UsageAlert",
    );
  }
  return { eventName, customers: ids };
}

const RECORD_EVENTS = `mutation($input: RecordMeterEventsInput!) { recordMeterEvents(input: $input) {
  __typename ... on RecordMeterEventsSummary { accepted duplicates rejected { index code message } } ... on Error { code message } } }`;
const RECORD_EVENT = `mutation($input: RecordMeterEventInput!) { recordMeterEvent(input: $input) {
  __typename ... on MeterEvent { identifier } ... on Error { code message } } }`;

const event = (s: Side, id: string, i: number) => ({
  eventName: s.eventName,
  customerId: s.customers[(i * 7919) % s.customers.length]!,
  value: (((i * 104_729) % 100_000) / 1000).toFixed(3),
  identifier: id,
});

/** Events per second of `events` events in batches of 1000 from `clients` connections. */
async function batched(session: Session, s: Side, tag: string, events: number, clients: number): Promise<number> {
  const batches = Math.ceil(events / BATCH);
  const result = await runLoad({
    url: session.server.url,
    key: session.api.key,
    connections: Math.min(clients, batches),
    amount: batches,
    body: (b) =>
      JSON.stringify({
        query: RECORD_EVENTS,
        variables: {
          input: {
            events: Array.from({ length: BATCH }, (_, j) => event(s, `${tag}-${b}-${j}`, b * BATCH + j)),
          },
        },
      }),
    check: (text) => {
      const summary = JSON.parse(text).data?.recordMeterEvents;
      if (summary?.accepted !== BATCH) throw new Error(`${tag}: batch not fully accepted: ${text.slice(0, 300)}`);
    },
  });
  return (batches * BATCH) / result.seconds;
}

function single(session: Session, s: Side, tag: string, seconds: number, connections: number): Promise<LoadResult> {
  return runLoad({
    url: session.server.url,
    key: session.api.key,
    connections,
    duration: seconds,
    body: (i) => JSON.stringify({ query: RECORD_EVENT, variables: { input: event(s, `${tag}-${i}`, i) } }),
    check: (text) => {
      const typename = JSON.parse(text).data?.recordMeterEvent?.__typename;
      if (typename !== "MeterEvent") throw new Error(`${tag}: expected MeterEvent, got ${text.slice(0, 300)}`);
    },
  });
}

async function recharges(a: Api, customerId: string): Promise<number> {
  const data = await a.gql<{ creditPurchases: { edges: Array<{ node: { autoRecharge: boolean } }> } }>(
    `query($c: ID) { creditPurchases(first: 100, customerId: $c) { edges { node { autoRecharge } } } }`,
    { c: customerId },
  );
  return data.creditPurchases.edges.filter((e) => e.node.autoRecharge).length;
}

export async function spendControl(session: Session, scale: SpendControlScale): Promise<SpendControlResult> {
  const a = session.api;
  const run = `${Date.now()}`;
  const plain = await side(a, `plain_${run}`, scale.customers, false);
  const watched = await side(a, `capped_${run}`, scale.customers, true);
  // Warm-up of both paths, then alternating rounds, so that both see the same share of the machine's noise.
  await batched(session, plain, `bw-plain-${run}`, BATCH * scale.clients, scale.clients);
  await batched(session, watched, `bw-capped-${run}`, BATCH * scale.clients, scale.clients);
  const rates = { with: [] as number[], without: [] as number[] };
  for (let round = 0; round < ROUNDS; round += 1) {
    rates.without.push(await batched(session, plain, `b-plain-${run}-${round}`, scale.events, scale.clients));
    rates.with.push(await batched(session, watched, `b-capped-${run}-${round}`, scale.events, scale.clients));
  }
  const singles = { with: [] as LoadResult[], without: [] as LoadResult[] };
  await single(session, plain, `sw-plain-${run}`, 2, scale.connections);
  await single(session, watched, `sw-capped-${run}`, 2, scale.connections);
  for (let round = 0; round < ROUNDS; round += 1) {
    const seconds = scale.seconds / ROUNDS;
    singles.without.push(await single(session, plain, `s-plain-${run}-${round}`, seconds, scale.connections));
    singles.with.push(await single(session, watched, `s-capped-${run}-${round}`, seconds, scale.connections));
  }
  // Exactly one recharge, the first customer's: none missed, none made twice or above the threshold.
  for (const [i, customerId] of watched.customers.entries()) {
    const made = await recharges(a, customerId);
    if (made !== (i === 0 ? 1 : 0)) throw new Error(`spend-control: customer ${i} was recharged ${made} times`);
  }
  const mean = (xs: number[]) => xs.reduce((x, y) => x + y, 0) / xs.length;
  return {
    batched: { with: mean(rates.with), without: mean(rates.without) },
    single: { with: combine(singles.with), without: combine(singles.without) },
  };
}
