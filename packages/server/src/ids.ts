// Stripe-style prefixed IDs. They are also the Relay global IDs: the prefix names the type.
import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

const ID_PREFIXES = {
  Account: "acct",
  ApiKey: "key",
  TestClock: "clock",
  Meter: "mtr",
  Product: "prod",
  Price: "price",
  Customer: "cus",
  Subscription: "sub",
  SubscriptionItem: "si",
  Invoice: "in",
  InvoiceLine: "il",
  InvoiceItem: "ii",
  CreditGrant: "cg",
  CreditBalanceTransaction: "cbt",
  CreditNote: "cn",
  CreditNoteLine: "cnli",
  CustomerBalanceTransaction: "cbtxn",
  UsageAlert: "alrt",
  AlertTrigger: "atrg",
  SpendCapReached: "scr",
  WebhookEndpoint: "we",
  WebhookDelivery: "whd",
  Event: "evt",
  Coupon: "coupon",
  PromotionCode: "promo",
  Discount: "di",
  TaxRate: "txr",
  CustomerSession: "cses",
  CreditPurchase: "cpur",
  CreditHold: "chold",
} as const;

type IdType = keyof typeof ID_PREFIXES;

/** Base62 of `bytes` random bytes, without modulo bias. */
export function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 4 × 62: bytes above it would favour the first characters.
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

/** A new ID such as `mtr_3fK9…`: 22 base62 characters ≈ 131 bits. */
export function newId(type: IdType): string {
  return `${ID_PREFIXES[type]}_${randomBase62(22)}`;
}

const TYPE_BY_PREFIX = new Map<string, IdType>(
  Object.entries(ID_PREFIXES).map(([type, prefix]) => [prefix, type as IdType]),
);

/** The type an ID names by its prefix, or null for a malformed or unknown ID. */
export function typeOfId(id: string): IdType | null {
  const match = /^([a-z]+)_[0-9A-Za-z]+$/.exec(id);
  return (match && TYPE_BY_PREFIX.get(match[1]!)) ?? null;
}
