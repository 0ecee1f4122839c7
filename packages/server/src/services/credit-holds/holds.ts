// Credit holds (docs/concepts/credits.md#holds): createCreditHold reserves available credit
// (credits/available.ts) or fails INSUFFICIENT_CREDIT; captureCreditHold charges the captured part
// against the grants (HOLD_CAPTURE ledger rows) and releases the rest; releaseCreditHold releases it
// all; a hold past its expiresAt reserves nothing (expire.ts marks it). Everything that reserves or
// charges a customer's credit holds its credit lock (db/locks.ts), so no hold is ever over-reserved.
import { applyCredits, isGrantApplicable, toDecimal, type Decimal } from "@tally/billing";
import type { Clock } from "../../clock.js";
import type { Tenant } from "../../context.js";
import { lockCustomerCredit, lockedCustomerNow } from "../../db/locks.js";
import { byId, scopeClause, type Scope } from "../../db/tenant-scope.js";
import { CREDIT_TRANSACTION, type Tx } from "../../db/transaction.js";
import { InvalidInputError, NotFoundError } from "../../errors.js";
import type { CreditHold } from "../../generated/prisma/client.js";
import { newId } from "../../ids.js";
import { validateAmount } from "../credits/create.js";
import { loadGrantStates } from "../credits/grant-state.js";
import { debitGrant } from "../credits/ledger.js";
import { findCustomer } from "../customers.js";
import { creditBalancesAt } from "../invoices/credit-balance.js";

/** A hold lasts at most a day: longer reservations are a purchase or a grant. */
export const MAX_HOLD_SECONDS = 86_400;
const DEFAULT_HOLD_SECONDS = 3_600;
const MAX_KEY_LENGTH = 255;

export interface CreateCreditHoldInput {
  customerId: string;
  amount: { toFixed(): string };
  currency: string;
  idempotencyKey: string;
  /** Seconds, 1–86,400; default 3,600. */
  expiresIn?: number | null;
}

/** A hold's status as of `now`: an ACTIVE hold past its expiry is EXPIRED, marked or not. */
export function holdStatusAt(hold: Pick<CreditHold, "status" | "expiresAt">, now: Date): CreditHold["status"] {
  return hold.status === "ACTIVE" && hold.expiresAt <= now ? "EXPIRED" : hold.status;
}

function checkExpiresIn(value: number | null | undefined): number {
  const seconds = value ?? DEFAULT_HOLD_SECONDS;
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_HOLD_SECONDS) {
    throw new InvalidInputError(`expiresIn is 1–${MAX_HOLD_SECONDS} seconds (24 h); got ${seconds}`, [
      "input",
      "expiresIn",
    ]);
  }
  return seconds;
}

function checkKey(key: string): string {
  if (key.length < 1 || key.length > MAX_KEY_LENGTH)
    throw new InvalidInputError(`idempotencyKey has 1–${MAX_KEY_LENGTH} characters`, ["input", "idempotencyKey"]);
  return key;
}

/** The customer's available balance in `currency` under its credit lock (0 without grants in it). */
async function availableIn(tx: Tx, scope: Scope, customerId: string, currency: string, now: Date): Promise<Decimal> {
  const balances = await creditBalancesAt(tx, scope, customerId, now);
  return balances.find((balance) => balance.currency === currency)?.availableAfterHolds ?? toDecimal("0");
}

export async function createCreditHold(
  tenant: Tenant,
  clock: Clock,
  input: CreateCreditHoldInput,
): Promise<CreditHold> {
  const { scope } = tenant;
  const customer = await findCustomer(tenant, input.customerId, ["input", "customerId"]);
  const { amount, currency } = validateAmount(
    { amount: input.amount, currency: input.currency },
    { amount: ["input", "amount"], currency: ["input", "currency"] },
  );
  const seconds = checkExpiresIn(input.expiresIn);
  const key = checkKey(input.idempotencyKey);
  return tenant.prisma.$transaction(async (tx) => {
    const now = await lockedCustomerNow(tx, scope, customer, clock);
    await lockCustomerCredit(tx, customer.id);
    const existing = await tx.creditHold.findUnique({
      where: { accountId_mode_customerId_idempotencyKey: { ...scope, customerId: customer.id, idempotencyKey: key } },
    });
    if (existing) {
      // A retry gets the hold its first request made; the key with other parameters is a mistake.
      if (existing.currency !== currency || !toDecimal(existing.amount.toFixed()).equals(amount)) {
        throw new InvalidInputError(
          `idempotencyKey ${key} was used for a hold of ${existing.amount.toFixed()} ${existing.currency}`,
          ["input", "idempotencyKey"],
          "IDEMPOTENCY_KEY_REUSED",
        );
      }
      return existing;
    }
    const available = await availableIn(tx, scope, customer.id, currency, now);
    if (available.lessThan(amount)) {
      throw new InvalidInputError(
        `Customer ${customer.id} has ${available.toFixed()} ${currency} of credit available; the hold needs ${amount.toFixed()}`,
        ["input", "amount"],
        "INSUFFICIENT_CREDIT",
      );
    }
    return tx.creditHold.create({
      data: {
        id: newId("CreditHold"),
        ...scope,
        customerId: customer.id,
        currency,
        amount: amount.toFixed(),
        status: "ACTIVE",
        idempotencyKey: key,
        expiresAt: new Date(now.getTime() + seconds * 1000),
        createdAt: now,
      },
    });
  }, CREDIT_TRANSACTION);
}

/** Locks the hold (after the customer's credit lock) and returns it, refused unless still active at `now`. */
async function activeHold(tx: Tx, scope: Scope, id: string, now: Date, action: string): Promise<CreditHold> {
  await tx.$queryRaw`SELECT "id" FROM "CreditHold" WHERE "id" = ${id} AND ${scopeClause(scope)} FOR UPDATE`;
  const hold = await tx.creditHold.findUniqueOrThrow({ where: byId(scope, id) });
  const status = holdStatusAt(hold, now);
  if (status !== "ACTIVE") {
    throw new InvalidInputError(
      `Credit hold ${id} is ${status}: it cannot be ${action}`,
      ["input", "id"],
      "CREDIT_HOLD_NOT_ACTIVE",
    );
  }
  return hold;
}

/** Runs `change` on the active hold under the customer's credit lock, at the customer's now. */
async function changeHold(
  tenant: Tenant,
  clock: Clock,
  id: string,
  action: string,
  change: (tx: Tx, hold: CreditHold, now: Date) => Promise<CreditHold>,
): Promise<CreditHold> {
  const { scope } = tenant;
  const found = await tenant.prisma.creditHold.findUnique({
    where: byId(tenant.scope, id),
    select: { customerId: true },
  });
  if (!found) throw new NotFoundError(`No credit hold ${id}`, ["input", "id"]);
  const customer = await tenant.prisma.customer.findUniqueOrThrow({
    where: byId(scope, found.customerId),
    select: { testClockId: true },
  });
  return tenant.prisma.$transaction(async (tx) => {
    const now = await lockedCustomerNow(tx, scope, customer, clock);
    await lockCustomerCredit(tx, found.customerId);
    return change(tx, await activeHold(tx, scope, id, now, action), now);
  }, CREDIT_TRANSACTION);
}

/**
 * Charges `amount` against the customer's grants for every metered price, in the engine's credit
 * order (docs/concepts/credits.md#credit-ordering), as HOLD_CAPTURE ledger rows; the grants are
 * locked in id order. Returns what was charged: the hold reserved it all, so only an invoice or a
 * void since the hold can leave the grants less.
 */
async function chargeGrants(tx: Tx, scope: Scope, hold: CreditHold, amount: Decimal, now: Date): Promise<Decimal> {
  const grants = (
    await loadGrantStates(tx, scope, { customerId: hold.customerId, currency: hold.currency, lock: true })
  ).filter((grant) => "allMeteredPrices" in grant.scope && isGrantApplicable(grant, hold.currency, now));
  const { applications, total } = applyCredits({
    currency: hold.currency,
    at: now,
    lines: [{ kind: "USAGE", priceId: null, amount }],
    grants,
  });
  for (const application of applications) {
    await debitGrant(tx, scope, {
      type: "HOLD_CAPTURE",
      grant: { id: application.grantId, customerId: hold.customerId, currency: hold.currency },
      amount: application.amount,
      holdId: hold.id,
      effectiveAt: now,
      at: now,
    });
  }
  return total;
}

/**
 * The captured amount waits for the customer's next invoice as a CREDIT_HOLD_CAPTURE line, shown
 * there as already paid by credits (docs/concepts/credits.md#holds): the grants were charged now.
 */
async function pendCaptureLine(tx: Tx, scope: Scope, hold: CreditHold, charged: Decimal, now: Date): Promise<void> {
  await tx.pendingInvoiceItem.create({
    data: {
      id: newId("InvoiceItem"),
      ...scope,
      customerId: hold.customerId,
      currency: hold.currency,
      kind: "CREDIT_HOLD_CAPTURE",
      description: `Credit hold ${hold.id} captured`,
      quantity: "1",
      unitAmount: charged.toFixed(),
      flatAmount: "0",
      amount: charged.toFixed(),
      periodStart: hold.createdAt,
      periodEnd: now,
      createdAt: now,
    },
  });
}

/** Captures `amount` (≤ the held amount; default all of it) and releases the rest. */
export function captureCreditHold(
  tenant: Tenant,
  clock: Clock,
  input: { id: string; amount?: { toFixed(): string } | null },
): Promise<CreditHold> {
  return changeHold(tenant, clock, input.id, "captured", async (tx, hold, now) => {
    const held = toDecimal(hold.amount.toFixed());
    const amount = input.amount == null ? held : toDecimal(input.amount.toFixed());
    if (amount.isNegative() || amount.greaterThan(held)) {
      throw new InvalidInputError(`amount is 0–${held.toFixed()} (the held amount); got ${amount.toFixed()}`, [
        "input",
        "amount",
      ]);
    }
    validateAmount(
      { amount: amount.isZero() ? held : amount, currency: hold.currency },
      {
        amount: ["input", "amount"],
        currency: ["input", "amount"],
      },
    );
    const charged = await chargeGrants(tx, tenant.scope, hold, amount, now);
    if (charged.greaterThan(0)) await pendCaptureLine(tx, tenant.scope, hold, charged, now);
    return tx.creditHold.update({
      where: byId(tenant.scope, hold.id),
      data: { status: "CAPTURED", capturedAmount: charged.toFixed(), closedAt: now },
    });
  });
}

export function releaseCreditHold(tenant: Tenant, clock: Clock, input: { id: string }): Promise<CreditHold> {
  return changeHold(tenant, clock, input.id, "released", (tx, hold, now) =>
    tx.creditHold.update({ where: byId(tenant.scope, hold.id), data: { status: "RELEASED", closedAt: now } }),
  );
}
