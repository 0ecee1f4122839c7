// The two ways services talk to the database inside a unit of work, and the options of the long ones.
import type { Prisma } from "../generated/prisma/client.js";

/** A Prisma interactive transaction client (tenant-scoped when opened on a tenant's client). */
export type Tx = Prisma.TransactionClient;

/** Raw SQL as $queryRaw and $executeRaw take it: a Prisma client, a transaction, or direct SQL (db/direct-sql.ts). */
export interface Db {
  $queryRaw<T = unknown>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): PromiseLike<T>;
  $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): PromiseLike<number>;
}

/**
 * Options for transactions that close billing periods: a cancellation first closes every period
 * its customer's now has passed (the scheduler may lag behind), and on PGlite (one connection) a
 * transaction waits for the previous.
 */
export const BILLING_TRANSACTION = { maxWait: 60_000, timeout: 300_000 } as const;

/**
 * Options for transactions that queue on one customer's credit lock (db/locks.ts lockCustomerCredit)
 * or auto-recharge row: a burst of holds for one customer waits its turn instead of failing.
 */
export const CREDIT_TRANSACTION = { maxWait: 300_000, timeout: 60_000 } as const;
