// A request's rows by id, batched (DataLoader) and read with direct SQL: a page of subscriptions
// with their customers, items, prices, products and meters costs one short statement per type
// instead of a Prisma query per relation level, each planned in Prisma's query compiler (most of
// the CPU of such a read). Rows come back shaped as Prisma returns them (Decimal, Date, JSON), so
// the schema's object types take them as they are. Every statement is scoped by account and mode.
import DataLoader from "dataloader";
import { Prisma, type Customer, type Meter, type Price, type Product, type SubscriptionItem, type TestClock } from "../generated/prisma/client.js";
import type { Db } from "./direct-sql.js";
import type { Scope } from "./tenant.js";

/** The models loaded by id. */
interface RowsById {
  Customer: Customer;
  Meter: Meter;
  Price: Price;
  Product: Product;
  TestClock: TestClock;
}

export interface RowLoaders {
  /** The row of `model` a foreign key of this tenant's names: it exists, or the data is broken. */
  referenced<M extends keyof RowsById>(model: M, id: string): Promise<RowsById[M]>;
  /** Subscriptions' items, each in its order. */
  subscriptionItems(): DataLoader<string, SubscriptionItem[]>;
}

export function createRowLoaders(sql: Db, scope: Scope): RowLoaders {
  const inScope = Prisma.sql`"accountId" = ${scope.accountId} AND "mode" = ${scope.mode}::"Mode"`;
  const byId = new Map<keyof RowsById, DataLoader<string, unknown>>();
  let subscriptionItems: DataLoader<string, SubscriptionItem[]> | undefined;
  // A missing row fails its own load only (DataLoader takes an Error in place of a value).
  const load = <M extends keyof RowsById>(model: M) =>
    new DataLoader<string, RowsById[M]>(async (ids) => {
      const rows = await sql.$queryRaw<Array<RowsById[M]>>`
        SELECT * FROM ${Prisma.raw(`"${model}"`)} WHERE "id" = ANY(${[...ids]}::text[]) AND ${inScope}`;
      const found = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => found.get(id) ?? new Error(`${model} ${id} is referenced but not found in the tenant's scope`));
    });
  return {
    referenced<M extends keyof RowsById>(model: M, id: string) {
      let loader = byId.get(model);
      if (!loader) byId.set(model, (loader = load(model)));
      return (loader as DataLoader<string, RowsById[M]>).load(id);
    },
    subscriptionItems() {
      subscriptionItems ??= new DataLoader(async (subscriptionIds) => {
        const rows = await sql.$queryRaw<SubscriptionItem[]>`
          SELECT * FROM "SubscriptionItem" WHERE "subscriptionId" = ANY(${[...subscriptionIds]}::text[]) AND ${inScope}
          ORDER BY "position"`;
        const items = new Map(subscriptionIds.map((id) => [id, [] as SubscriptionItem[]]));
        for (const row of rows) items.get(row.subscriptionId)!.push(row);
        return subscriptionIds.map((id) => items.get(id)!);
      });
      return subscriptionItems;
    },
  };
}
