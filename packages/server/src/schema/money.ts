// Money { amount, currency }: an amount in major units, shown with exactly the currency's
// minor-unit digits ("180.00", jpy "2").
import { formatMoney } from "@tally/billing";
import { builder } from "./builder.js";

/** An amount (the engine's Decimal or Prisma's, both decimal.js) and its currency. */
export interface MoneyShape {
  amount: { toFixed(): string };
  currency: string;
}

export const MoneyRef = builder.objectRef<MoneyShape>("Money").implement({
  fields: (t) => ({
    amount: t.field({ type: "Decimal", resolve: (money) => formatMoney(money.amount.toFixed(), money.currency) }),
    currency: t.exposeString("currency"),
  }),
});

/** An amount and its currency as input; the service checks the currency and the amount's digits. */
export const MoneyInputRef = builder.inputType("MoneyInput", {
  fields: (t) => ({
    amount: t.field({ type: "Decimal", required: true }),
    currency: t.string({ required: true }),
  }),
});
