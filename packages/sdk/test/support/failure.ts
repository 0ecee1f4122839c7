import { expect } from "vitest";

/** The error `promise` rejects with; the test fails if it resolves. */
export const failure = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => expect.fail("expected a rejection"),
    (error: unknown) => error,
  );
