// The Coalescer on its own (services/meter-events/coalesce.ts): what runs together, how many runs
// at once, and a failing run retried item by item. Recording through it: test/meter-events.test.ts.
import { describe, expect, it } from "vitest";
import { Coalescer } from "../../src/services/meter-events/coalesce.js";

/** A run function that records its groups and answers each item doubled, once released. */
function recorder() {
  const groups: number[][] = [];
  let running = 0;
  let mostAtOnce = 0;
  const gates: Array<() => void> = [];
  const run = async (items: number[]) => {
    groups.push(items);
    running += 1;
    mostAtOnce = Math.max(mostAtOnce, running);
    await new Promise<void>((release) => gates.push(release));
    running -= 1;
    if (items.includes(-1)) throw new Error("bad item");
    return items.map((i) => i * 2);
  };
  const releaseAll = async () => {
    while (gates.length > 0) gates.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { run, groups, releaseAll, mostAtOnce: () => mostAtOnce };
}

/** Releases runs until every promise settled. */
async function settleAll<T>(
  r: ReturnType<typeof recorder>,
  promises: Array<Promise<T>>,
): Promise<Array<PromiseSettledResult<T>>> {
  let done = false;
  const all = Promise.allSettled(promises).finally(() => void (done = true));
  while (!done) await r.releaseAll();
  return all;
}

describe("Coalescer", () => {
  it("runs the items of one turn together and answers each its own", async () => {
    const r = recorder();
    const c = new Coalescer(r.run, { maxInFlight: 4, maxItems: 100 });
    const answers = settleAll(
      r,
      [1, 2, 3].map((i) => c.submit("k", i)),
    );
    expect((await answers).map((a) => (a.status === "fulfilled" ? a.value : a.reason))).toEqual([2, 4, 6]);
    expect(r.groups).toEqual([[1, 2, 3]]);
  });

  it("never mixes keys", async () => {
    const r = recorder();
    const c = new Coalescer(r.run, { maxInFlight: 4, maxItems: 100 });
    await settleAll(r, [c.submit("a", 1), c.submit("b", 2), c.submit("a", 3)]);
    expect(r.groups).toEqual([[1, 3], [2]]);
  });

  it("keeps at most maxInFlight runs per key; what arrives meanwhile goes in the next run", async () => {
    const r = recorder();
    const c = new Coalescer(r.run, { maxInFlight: 2, maxItems: 100 });
    const first = [c.submit("k", 1)];
    await new Promise((resolve) => setImmediate(resolve));
    first.push(c.submit("k", 2));
    await new Promise((resolve) => setImmediate(resolve));
    // Two runs busy: these wait, then go together.
    const later = [3, 4, 5].map((i) => c.submit("k", i));
    await new Promise((resolve) => setImmediate(resolve));
    expect(r.groups).toEqual([[1], [2]]);
    const answers = await settleAll(r, [...first, ...later]);
    expect(answers.every((a) => a.status === "fulfilled")).toBe(true);
    expect(r.groups).toEqual([[1], [2], [3, 4, 5]]);
    expect(r.mostAtOnce()).toBe(2);
  });

  it("splits a long queue into runs of maxItems", async () => {
    const r = recorder();
    const c = new Coalescer(r.run, { maxInFlight: 4, maxItems: 2 });
    await settleAll(
      r,
      [1, 2, 3, 4, 5].map((i) => c.submit("k", i)),
    );
    expect(r.groups).toEqual([[1, 2], [3, 4], [5]]);
  });

  it("retries a failed run item by item: only the bad item fails", async () => {
    const r = recorder();
    const c = new Coalescer(r.run, { maxInFlight: 4, maxItems: 100 });
    const answers = await settleAll(
      r,
      [1, -1, 3].map((i) => c.submit("k", i)),
    );
    expect(answers.map((a) => (a.status === "fulfilled" ? a.value : (a.reason as Error).message))).toEqual([
      2,
      "bad item",
      6,
    ]);
    expect(r.groups).toEqual([[1, -1, 3], [1], [-1], [3]]);
  });
});
