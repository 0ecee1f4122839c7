// Validates a list of events (a batch, or one event) with set-based lookups: each event comes back
// valid or with the typed error that refuses it. Rules that need the stored events (duplicates,
// invoiced periods) are decided at insert time (insert.ts).
import type { Clock } from "../../clock.js";
import type { Scope } from "../../db/tenant-scope.js";
import { TallyError } from "../../errors.js";
import type { Db } from "../../db/transaction.js";
import { customersById, metersByEventName } from "./lookup.js";
import {
  checkEventShape,
  checkMeter,
  completeEvent,
  customerIdOf,
  type EventCustomer,
  type Payload,
  type RecordMeterEventInput,
  type ValidEvent,
} from "./validate.js";

/** One event of the list: valid, or the typed error that refuses it. */
export type Checked = { ok: true; event: ValidEvent } | { ok: false; error: TallyError };

export async function checkEvents(
  db: Db,
  scope: Scope,
  clock: Clock,
  inputs: RecordMeterEventInput[],
  fieldOf: (index: number) => string[],
): Promise<Checked[]> {
  const results: Checked[] = new Array(inputs.length);
  const attempt = <T>(index: number, step: () => T): T | undefined => {
    try {
      return step();
    } catch (error) {
      if (!(error instanceof TallyError)) throw error;
      results[index] = { ok: false, error };
      return undefined;
    }
  };

  // Each event's field path, built once (three checks use it, almost always without error).
  const fields = inputs.map((_, i) => fieldOf(i));
  // One receipt instant for the request's events on the wall clock.
  const now = clock.now();
  const received: Clock = { now: () => now };
  const shapes = inputs.map((input, i) => attempt(i, () => checkEventShape(input, fields[i]!)));
  const explicitCustomerIds = inputs.flatMap((input, i) => (shapes[i] && input.customerId ? [input.customerId] : []));
  // Most events name their customer explicitly: then both lookups run at once.
  const [meters, explicitCustomers] = await Promise.all([
    metersByEventName(
      db,
      scope,
      inputs.flatMap((input, i) => (shapes[i] ? [input.eventName] : [])),
    ),
    customersById(db, scope, explicitCustomerIds),
  ]);

  const pending: Array<{ index: number; shape: { identifier: string; payload: Payload | null }; customerId: string }> =
    [];
  inputs.forEach((input, i) => {
    const shape = shapes[i];
    if (!shape) return;
    const customerId = attempt(i, () =>
      customerIdOf(input, shape.payload, checkMeter(input, meters.get(input.eventName), fields[i]!), fields[i]!),
    );
    if (customerId !== undefined) pending.push({ index: i, shape, customerId });
  });

  const queried = new Set(explicitCustomerIds);
  const missing = pending.map((p) => p.customerId).filter((id) => !queried.has(id));
  const customers: Map<string, EventCustomer> =
    missing.length > 0
      ? new Map([...explicitCustomers, ...(await customersById(db, scope, missing))])
      : explicitCustomers;

  for (const { index, shape, customerId } of pending) {
    const input = inputs[index]!;
    const meter = meters.get(input.eventName)!;
    const event = attempt(index, () =>
      completeEvent(input, shape, meter, customers.get(customerId), customerId, received, fields[index]!),
    );
    if (event) results[index] = { ok: true, event };
  }
  return results;
}
