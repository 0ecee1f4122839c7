// "Now" for a customer (docs/concepts/time-and-test-clocks.md#a-customers-now): its test clock's frozen time when it has one, else the wall clock.
// Every rule that says "now" asks here.
import type { Clock } from "../clock.js";

export interface ClockedCustomer {
  testClock: { frozenTime: Date } | null;
}

export function customerNow(customer: ClockedCustomer, clock: Clock): Date {
  return customer.testClock?.frozenTime ?? clock.now();
}
