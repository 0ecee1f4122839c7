// The items a subscription will have after a change (docs/concepts/subscriptions.md#changing-a-subscription): entries with an
// id change or delete that item, entries without add one; items not named stay. The result follows
// item-rules.ts and has 1–20 items, no price twice.
import { MAX_SUBSCRIPTION_ITEMS as MAX_ITEMS } from "@tally/billing";
import type { Tx } from "../../db/transaction.js";
import { InvalidInputError, NotFoundError } from "../../errors.js";
import type { Price, Product } from "../../generated/prisma/client.js";
import { newId } from "../../ids.js";
import type { BillableSubscription } from "../invoices/billable.js";
import { checkItem, checkSegments } from "./item-rules.js";

export interface ItemChange {
  id?: string | null;
  priceId?: string | null;
  quantity?: number | null;
  deleted?: boolean | null;
  /** The item's own tax rates (update.ts sets them); [] removes them. */
  taxRates?: readonly string[] | null;
}

export interface PlannedItem {
  /** The item's id: an existing item's, or a new one's. */
  id: string;
  /** The existing item this entry keeps or changes; null for an added item. */
  existingId: string | null;
  price: Price & { product: Product };
  quantity: number | null;
}

/** Plans the items after `changes`; throws a typed error on the first entry that breaks a rule. */
export async function planChange(
  tx: Tx,
  subscription: BillableSubscription,
  changes: readonly ItemChange[],
): Promise<PlannedItem[]> {
  const priceIds = changes.flatMap((change) => (change.priceId ? [change.priceId] : []));
  const prices = await tx.price.findMany({ where: { id: { in: priceIds } }, include: { product: true } });
  const byId = new Map(prices.map((price) => [price.id, price]));
  const planned = new Map<string, PlannedItem>(
    subscription.items.map((item) => [
      item.id,
      { id: item.id, existingId: item.id, price: item.price, quantity: item.quantity },
    ]),
  );
  const named = new Set<string>();
  changes.forEach((change, index) => {
    const field = (name: string) => ["input", "items", String(index), name];
    const price = change.priceId ? byId.get(change.priceId) : undefined;
    if (change.priceId && !price) throw new NotFoundError(`No price ${change.priceId}`, field("priceId"));
    if (change.id) {
      const current = planned.get(change.id);
      if (!current || named.has(change.id)) {
        throw new NotFoundError(
          named.has(change.id)
            ? `Item ${change.id} is named twice`
            : `Subscription ${subscription.id} has no item ${change.id}`,
          field("id"),
        );
      }
      named.add(change.id);
      if (change.deleted) {
        planned.delete(change.id);
        return;
      }
      const next = price ?? current.price;
      // A licensed item keeps its quantity unless given, or starts at 1 when its price becomes licensed.
      const fallback =
        current.price.usageType === "LICENSED" && next.usageType === "LICENSED" ? (current.quantity ?? 1) : 1;
      const quantity = checkItem(next, change.quantity, subscription, field, fallback);
      planned.set(change.id, { ...current, price: next, quantity });
      return;
    }
    if (change.deleted) throw new InvalidInputError("deleted needs the id of the item to delete", field("id"));
    if (!price) throw new InvalidInputError("A new item needs a priceId", field("priceId"));
    const id = newId("SubscriptionItem");
    planned.set(id, { id, existingId: null, price, quantity: checkItem(price, change.quantity, subscription, field) });
  });
  const items = [...planned.values()];
  if (items.length < 1 || items.length > MAX_ITEMS) {
    throw new InvalidInputError(`A subscription keeps 1–${MAX_ITEMS} items; the change leaves ${items.length}`, [
      "input",
      "items",
    ]);
  }
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.price.id)) {
      const index = changes.findIndex((change) => change.priceId === item.price.id);
      throw new InvalidInputError(`Price ${item.price.id} would appear twice; use one item with a quantity`, [
        "input",
        "items",
        String(Math.max(index, 0)),
        "priceId",
      ]);
    }
    seen.add(item.price.id);
  }
  checkSegments(
    items.map((item) => item.price),
    (priceId) => [
      "input",
      "items",
      String(
        Math.max(
          0,
          changes.findIndex((change) => change.priceId === priceId),
        ),
      ),
      "priceId",
    ],
  );
  return items;
}
