// Set-based lookups for a list of events: their meters (by event name) and customers (by id, with
// the test clock that decides their "now"), one query each however many events there are.
import type { Scope } from "../../db/tenant.js";
import type { Db } from "../usage.js";
import type { EventCustomer, EventMeter } from "./validate.js";

export async function metersByEventName(db: Db, scope: Scope, eventNames: string[]): Promise<Map<string, EventMeter>> {
  if (eventNames.length === 0) return new Map();
  const rows = await db.$queryRaw<EventMeter[]>`
    SELECT * FROM "Meter"
    WHERE "accountId" = ${scope.accountId} AND "mode" = ${scope.mode}::"Mode" AND "eventName" = ANY(${[...new Set(eventNames)]}::text[])`;
  return new Map(rows.map((m) => [m.eventName, m]));
}

export async function customersById(db: Db, scope: Scope, ids: string[]): Promise<Map<string, EventCustomer>> {
  if (ids.length === 0) return new Map();
  const rows = await db.$queryRaw<Array<{ id: string; frozenTime: Date | null }>>`
    SELECT c."id", t."frozenTime"
    FROM "Customer" c LEFT JOIN "TestClock" t ON t."id" = c."testClockId"
    WHERE c."accountId" = ${scope.accountId} AND c."mode" = ${scope.mode}::"Mode" AND c."id" = ANY(${[...new Set(ids)]}::text[])`;
  return new Map(rows.map((c) => [c.id, { id: c.id, testClock: c.frozenTime ? { frozenTime: new Date(c.frozenTime) } : null }]));
}
