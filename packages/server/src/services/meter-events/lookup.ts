// Set-based lookups for a list of events: their meters (by event name) and customers (by id, with
// the test clock that decides their "now"), one query each however many events there are, and
// none for what this process has already seen (caches.ts): ACTIVE meters, forgotten by every
// replica when one changes, and customers' test clocks, which never change. The insert statement
// still re-checks that the meter is ACTIVE (usage-store/postgres/events.ts), and a test clock's
// frozen time is always looked up. Keys carry the account and mode (tenantKey).
import { caches, tenantKey as keyOf } from "../../caches.js";
import { sameTenant, scopeClause, type Scope } from "../../db/tenant-scope.js";
import type { Db } from "../../db/transaction.js";
import type { Meter } from "../../generated/prisma/client.js";

/** The whole Meter row, so that the recorded event can answer `meter` without another query. */
export type EventMeter = Meter;

export interface EventCustomer {
  id: string;
  testClock: { frozenTime: Date } | null;
}

const { activeMeters, customerClocks } = caches;

export async function metersByEventName(db: Db, scope: Scope, eventNames: string[]): Promise<Map<string, EventMeter>> {
  const found = new Map<string, EventMeter>();
  const missing: string[] = [];
  for (const name of new Set(eventNames)) {
    const meter = activeMeters.get(keyOf(scope, name));
    if (meter) found.set(name, meter);
    else missing.push(name);
  }
  if (missing.length === 0) return found;
  const rows = await db.$queryRaw<EventMeter[]>`
    SELECT * FROM "Meter"
    WHERE ${scopeClause(scope)} AND "eventName" = ANY(${missing}::text[])`;
  for (const meter of rows) {
    found.set(meter.eventName, meter);
    if (meter.status === "ACTIVE") activeMeters.set(keyOf(scope, meter.eventName), meter);
  }
  return found;
}

export async function customersById(db: Db, scope: Scope, ids: string[]): Promise<Map<string, EventCustomer>> {
  const found = new Map<string, EventCustomer>();
  const missing: string[] = [];
  for (const id of new Set(ids)) {
    // A customer on a test clock is looked up for the clock's frozen time.
    if (customerClocks.get(keyOf(scope, id)) === null) found.set(id, { id, testClock: null });
    else missing.push(id);
  }
  if (missing.length === 0) return found;
  const rows = await db.$queryRaw<Array<{ id: string; testClockId: string | null; frozenTime: Date | null }>>`
    SELECT c."id", c."testClockId", t."frozenTime"
    FROM "Customer" c LEFT JOIN "TestClock" t ON ${sameTenant("t", "c")} AND t."id" = c."testClockId"
    WHERE ${scopeClause(scope, "c")} AND c."id" = ANY(${missing}::text[])`;
  for (const c of rows) {
    found.set(c.id, { id: c.id, testClock: c.frozenTime ? { frozenTime: new Date(c.frozenTime) } : null });
    customerClocks.set(keyOf(scope, c.id), c.testClockId);
  }
  return found;
}
