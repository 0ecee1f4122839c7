// A request's rows by id, batched (DataLoader) and read with direct SQL: a page of subscriptions
// with their customers, items, prices, products and meters costs a few short statements instead of
// a Prisma query per relation level, each planned in Prisma's query compiler (most of the CPU of
// such a read). Rows come back shaped as Prisma returns them (Decimal, Date, JSON), so the schema's
// object types take them as they are. Every statement is scoped by account and mode.
//
// Rows read by id come with their 1:1 relations (customers with their test clocks, prices with
// their products and meters; joined-rows.ts), kept for those models' loads: a page of
// subscriptions is 4 statements (page; items and customers; prices). They are joined whether or
// not the query asks for them: one related row per distinct row read. Customers are not joined
// onto the page, nor prices onto the items: their columns would repeat on every row that names
// them, and parsing the repeats costs more than the statements saved (BENCHMARKS.md#nested-reads).
import DataLoader from "dataloader";
import type { Customer, Meter, Price, Product, SubscriptionItem, TestClock } from "../../generated/prisma/client.js";
import type { Db } from "../../db/transaction.js";
import { relation, selectWith, Table, type Relation, type TenantRow } from "./joined-rows.js";
import type { Scope } from "../../db/tenant-scope.js";

/** The models loaded by id. */
interface RowsById {
  Customer: Customer;
  Meter: Meter;
  Price: Price;
  Product: Product;
  TestClock: TestClock;
}

export interface RowLoaders {
  /**
   * The row of `model` a foreign key of this tenant's names: it exists, or the data is broken. A
   * row this request has read already comes as it is, not as a promise: most of a page's
   * references are, and a promise each (with its turn of the microtask queue) is a measurable share
   * of the request's CPU.
   */
  referenced<M extends keyof RowsById>(model: M, id: string): RowsById[M] | Promise<RowsById[M]>;
  /** Subscriptions' items, each in its order. */
  subscriptionItems(): DataLoader<string, SubscriptionItem[]>;
}

const TABLES: { [M in keyof RowsById]: Table<RowsById[M]> } = {
  Customer: new Table("Customer", "c"),
  Meter: new Table("Meter", "m"),
  Price: new Table("Price", "p"),
  Product: new Table("Product", "pr"),
  TestClock: new Table("TestClock", "tc"),
};

const RELATIONS: { [M in keyof RowsById]?: Relation[] } = {
  Customer: [relation(TABLES.Customer, "testClockId", TABLES.TestClock)],
  Price: [relation(TABLES.Price, "productId", TABLES.Product), relation(TABLES.Price, "meterId", TABLES.Meter)],
};

const ITEM = new Table<SubscriptionItem>("SubscriptionItem", "i");

export function createRowLoaders(sql: Db, scope: Scope): RowLoaders {
  // Rows read so far, by model and id: loaded by id, or read along with another row.
  const known = new Map<keyof RowsById, Map<string, TenantRow>>();
  const knownOf = (model: keyof RowsById) => {
    let rows = known.get(model);
    if (!rows) known.set(model, (rows = new Map()));
    return rows;
  };
  // The root rows of a statement's rows (selectWith), the related rows found kept as known.
  const split = <T extends TenantRow>(
    rows: Array<Record<string, unknown>>,
    root: Table<T>,
    relations: readonly Relation[],
  ): T[] =>
    rows.map((row) => {
      for (const { table } of relations) {
        const related = table.take(row);
        if (related) knownOf(table.model as keyof RowsById).set(related.id, related);
      }
      return root.take(row)!;
    });
  // A missing row fails its own load only (DataLoader takes an Error in place of a value).
  const load = <M extends keyof RowsById>(model: M) =>
    new DataLoader<string, RowsById[M]>(async (ids) => {
      const table = TABLES[model] as Table<RowsById[M]>;
      const relations = RELATIONS[model] ?? [];
      const rows = await sql.$queryRaw<Array<Record<string, unknown>>>`
        ${selectWith(table, relations, scope)} WHERE ${table.ref("id")} = ANY(${[...ids]}::text[]) AND ${table.inScope(scope)}`;
      const found = knownOf(model);
      for (const row of split(rows, table, relations)) found.set(row.id, row);
      return ids.map(
        (id) =>
          (found.get(id) as RowsById[M] | undefined) ??
          new Error(`${model} ${id} is referenced but not found in the tenant's scope`),
      );
    });
  const byId = new Map<keyof RowsById, DataLoader<string, unknown>>();
  let subscriptionItems: DataLoader<string, SubscriptionItem[]> | undefined;
  return {
    referenced<M extends keyof RowsById>(model: M, id: string) {
      const row = known.get(model)?.get(id) as RowsById[M] | undefined;
      if (row) return row;
      let loader = byId.get(model);
      if (!loader) byId.set(model, (loader = load(model)));
      return (loader as DataLoader<string, RowsById[M]>).load(id);
    },
    subscriptionItems() {
      subscriptionItems ??= new DataLoader(async (subscriptionIds) => {
        const rows = await sql.$queryRaw<Array<Record<string, unknown>>>`
          ${selectWith(ITEM, [], scope)}
          WHERE ${ITEM.ref("subscriptionId")} = ANY(${[...subscriptionIds]}::text[]) AND ${ITEM.inScope(scope)}
          ORDER BY ${ITEM.ref("position")}`;
        const items = new Map(subscriptionIds.map((id) => [id, [] as SubscriptionItem[]]));
        for (const item of split(rows, ITEM, [])) items.get(item.subscriptionId)!.push(item);
        return subscriptionIds.map((id) => items.get(id)!);
      });
      return subscriptionItems;
    },
  };
}
