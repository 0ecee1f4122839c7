// Test clocks (SPEC §1): frozen time for test-mode customers, moved only forward.
import type { Tenant } from "../context.js";
import { InvalidInputError, NotFoundError } from "../errors.js";
import type { TestClock } from "../generated/prisma/client.js";
import { newId } from "../ids.js";

function assertTestMode(tenant: Tenant): void {
  if (tenant.scope.mode !== "test") {
    throw new InvalidInputError("Test clocks exist only in test mode: use a sk_test_ key.", null, "TEST_CLOCK_IN_LIVE_MODE");
  }
}

export async function createTestClock(tenant: Tenant, input: { frozenTime: Date; name?: string | null }): Promise<TestClock> {
  assertTestMode(tenant);
  if (input.name != null && input.name.length > 250) {
    throw new InvalidInputError("name must be at most 250 characters", ["input", "name"]);
  }
  return tenant.db.testClock.create({
    data: { id: newId("TestClock"), ...tenant.scope, name: input.name ?? null, frozenTime: input.frozenTime },
  });
}

export async function getTestClock(tenant: Tenant, id: string): Promise<TestClock | null> {
  return tenant.db.testClock.findUnique({ where: { id } });
}

/**
 * Moves a clock forward to `frozenTime`. Moving to the current time is a no-op; moving back is
 * TEST_CLOCK_BACKWARDS. The conditional update makes concurrent advances safe: the later one wins
 * only if it is still forward.
 */
export async function advanceTestClock(tenant: Tenant, input: { id: string; frozenTime: Date }): Promise<TestClock> {
  assertTestMode(tenant);
  const clock = await getTestClock(tenant, input.id);
  if (!clock) throw new NotFoundError(`No test clock ${input.id}`, ["input", "id"]);
  const backwards = () =>
    new InvalidInputError(
      `A test clock only moves forward: ${input.frozenTime.toISOString()} is before its time ${clock.frozenTime.toISOString()}`,
      ["input", "frozenTime"],
      "TEST_CLOCK_BACKWARDS",
    );
  if (input.frozenTime < clock.frozenTime) throw backwards();
  const { count } = await tenant.db.testClock.updateMany({
    where: { id: input.id, frozenTime: { lte: input.frozenTime } },
    data: { frozenTime: input.frozenTime },
  });
  if (count === 0) throw backwards();
  return { ...clock, frozenTime: input.frozenTime };
}
