// How direct SQL finds the connection of a Prisma transaction (db/direct-sql.ts): the adapters
// (db/adapter.ts) report the connection a transaction takes, in the async context of the
// $transaction call. Kept free of the generated Prisma client, because prisma.config.ts loads the
// adapters before `prisma generate` has run.
import { AsyncLocalStorage } from "node:async_hooks";
import { Decimal } from "@prisma/client/runtime/client";

/** Runs one statement on a connection: rows as objects, typed like $queryRaw's, and the row count. */
export type RunSql = (text: string, values: unknown[]) => Promise<{ rows: unknown[]; count: number }>;

const opening = new AsyncLocalStorage<{ run?: RunSql }>();

/** Called by the adapters when a transaction takes its connection. */
export function reportTransactionConnection(run: RunSql): void {
  const slot = opening.getStore();
  if (slot && !slot.run) slot.run = run;
}

/** Runs `open` (which opens a transaction) so that `connection()` returns the connection it took. */
export function captureTransactionConnection<T>(open: (connection: () => RunSql | undefined) => Promise<T>): Promise<T> {
  const slot: { run?: RunSql } = {};
  return opening.run(slot, () => open(() => slot.run));
}

/** Type parsers (by type OID) that make driver results look like $queryRaw's. */
export const PRISMA_LIKE_PARSERS: Record<number, (text: string) => unknown> = {
  20: (text) => BigInt(text), // int8
  1700: (text) => new Decimal(text), // numeric
};
