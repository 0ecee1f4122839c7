// Test clocks (SPEC §1): frozen time for test-mode customers, moved only forward; advancing one
// closes the billing periods it passes.
import type { Tenant } from "../context.js";
import { InvalidInputError, NotFoundError } from "../errors.js";
import type { TestClock } from "../generated/prisma/client.js";
import { newId } from "../ids.js";
import { BILLING_TRANSACTION, lockTestClock } from "./billing-cycle/locks.js";
import { closeTestClockPeriods } from "./billing-cycle/test-clock.js";

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
  return tenant.db.testClock.create({
    data: { id: newId("TestClock"), ...tenant.scope, name: input.name ?? null, frozenTime: input.frozenTime },
  });
}

/**
 * Moves a clock forward to `frozenTime` and, before returning, closes every billing period its
 * customers' subscriptions reach on the way, in time order (SPEC §1). Moving to the current time
 * is a no-op; moving back is TEST_CLOCK_BACKWARDS. All of it is one transaction holding the
 * clock's row lock: a concurrent advance of the same clock waits, then continues from where this
 * one stopped, and an advance that fails leaves the clock and its invoices as they were.
 */
export async function advanceTestClock(tenant: Tenant, input: { id: string; frozenTime: Date }): Promise<TestClock> {
  assertTestMode(tenant);
  return tenant.db.$transaction(async (tx) => {
    const frozenTime = await lockTestClock(tx, tenant.scope, input.id, "update");
    if (frozenTime === null) throw new NotFoundError(`No test clock ${input.id}`, ["input", "id"]);
    if (input.frozenTime < frozenTime) {
      throw new InvalidInputError(
        `A test clock only moves forward: ${input.frozenTime.toISOString()} is before its time ${frozenTime.toISOString()}`,
        ["input", "frozenTime"],
        "TEST_CLOCK_BACKWARDS",
      );
    }
    const clock = await tx.testClock.update({ where: { id: input.id }, data: { frozenTime: input.frozenTime } });
    await closeTestClockPeriods(tx, tenant.scope, input.id, input.frozenTime);
    return clock;
  }, BILLING_TRANSACTION);
}
