// Test clocks (docs/concepts/time-and-test-clocks.md#advancing-a-clock): frozen time for test-mode customers, moved only forward; advancing one
// closes the billing periods it passes, then settles what the new time reaches.
import type { Clock } from "../clock.js";
import type { Tenant } from "../context.js";
import { InvalidInputError, NotFoundError } from "../errors.js";
import type { AlertTrigger, TestClock } from "../generated/prisma/client.js";
import { newId } from "../ids.js";
import { assertWithinAdvanceLimit } from "./billing-cycle/advance-limit.js";
import { lockTestClock } from "../db/locks.js";
import { catchUpTestClock } from "./billing-cycle/test-clock.js";
import { afterCreditChange } from "./balance-watch/after-change.js";
import { billThresholds } from "./thresholds/bill.js";
import { byId } from "../db/tenant-scope.js";

function assertTestMode(tenant: Tenant): void {
  if (tenant.scope.mode !== "test") {
    throw new InvalidInputError(
      "Test clocks exist only in test mode: use a sk_test_ key.",
      null,
      "TEST_CLOCK_IN_LIVE_MODE",
    );
  }
}

export async function createTestClock(
  tenant: Tenant,
  input: { frozenTime: Date; name?: string | null },
): Promise<TestClock> {
  assertTestMode(tenant);
  if (input.name != null && input.name.length > 250) {
    throw new InvalidInputError("name must be at most 250 characters", ["input", "name"]);
  }
  return tenant.prisma.testClock.create({
    data: { id: newId("TestClock"), ...tenant.scope, name: input.name ?? null, frozenTime: input.frozenTime },
  });
}

/**
 * Moves a clock forward to `frozenTime` (at most as far as billing-cycle/advance-limit.ts allows)
 * and, before returning, closes every billing period its customers' subscriptions reach on the
 * way, in time order. Moving to the current time is a no-op but for finishing what an earlier
 * advance left undone; moving back is TEST_CLOCK_BACKWARDS. The move is one short transaction
 * under the clock's row lock; the periods are then closed one per transaction
 * (billing-cycle/test-clock.ts), so other requests are served in between, and the customers' now
 * is the new time meanwhile, as on the wall clock before the scheduler's next run.
 */
export async function advanceTestClock(tenant: Tenant, input: { id: string; frozenTime: Date }): Promise<TestClock> {
  assertTestMode(tenant);
  const clock = await tenant.prisma.$transaction(async (tx) => {
    const frozenTime = await lockTestClock(tx, tenant.scope, input.id, "update");
    if (frozenTime === null) throw new NotFoundError(`No test clock ${input.id}`, ["input", "id"]);
    if (input.frozenTime < frozenTime) {
      throw new InvalidInputError(
        `A test clock only moves forward: ${input.frozenTime.toISOString()} is before its time ${frozenTime.toISOString()}`,
        ["input", "frozenTime"],
        "TEST_CLOCK_BACKWARDS",
      );
    }
    await assertWithinAdvanceLimit(tx, input.id, frozenTime, input.frozenTime);
    return tx.testClock.update({ where: byId(tenant.scope, input.id), data: { frozenTime: input.frozenTime } });
  });
  await catchUpTestClock(tenant.prisma, tenant.scope, input.id);
  return clock;
}

/**
 * Deletes a clock no customer uses. Stripe deletes a clock's customers with it; Tally never deletes
 * invoices or recorded usage, so a clock in use is refused (docs/concepts/time-and-test-clocks.md#listing-and-deleting-clocks).
 */
export async function deleteTestClock(tenant: Tenant, id: string): Promise<{ id: string }> {
  assertTestMode(tenant);
  return tenant.prisma.$transaction(async (tx) => {
    if ((await lockTestClock(tx, tenant.scope, id, "update")) === null) {
      throw new NotFoundError(`No test clock ${id}`, ["input", "id"]);
    }
    const customers = await tx.customer.count({ where: { testClockId: id } });
    if (customers > 0) {
      throw new InvalidInputError(
        `Test clock ${id} has ${customers} customer(s): a clock in use cannot be deleted; create a new clock to start over.`,
        ["input", "id"],
        "TEST_CLOCK_IN_USE",
      );
    }
    await tx.testClock.delete({ where: byId(tenant.scope, id) });
    return { id };
  });
}

/**
 * What follows an advance once its catch-up committed, in the same request: the billing thresholds
 * the clock's customers reach at the new time without a new event (usage stamped up to it, pending
 * items), then the CREDIT_BALANCE alerts and auto-recharges its expiries and period closes made
 * due (docs/concepts/time-and-test-clocks.md#advancing-a-clock). Returns the alert triggers it
 * stored, for the caller to announce.
 */
export async function afterTestClockAdvance(
  tenant: Tenant,
  clock: Clock,
  testClockId: string,
): Promise<AlertTrigger[]> {
  const customers = await tenant.prisma.customer.findMany({ where: { testClockId }, select: { id: true } });
  const ids = customers.map((c) => c.id);
  await billThresholds(tenant, clock, ids);
  return afterCreditChange(tenant, clock, ids);
}
