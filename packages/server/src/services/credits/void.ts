// voidCreditGrant: the grant's remaining balance is voided (a VOID ledger row of −remaining), it
// pays nothing more, and billing.credit_grant.voided is recorded, in one transaction.
import { toDecimal } from "@tally/billing";
import type { Tenant } from "../../context.js";
import type { Clock } from "../../clock.js";
import { InvalidInputError, NotFoundError } from "../../errors.js";
import type { CreditGrant } from "../../generated/prisma/client.js";
import { lockedCustomerNow } from "../../db/locks.js";
import { recordEvent } from "../event-log/record.js";
import { creditGrantEventData } from "../event-log/serializers.js";
import { lockGrant } from "../../db/locks.js";
import type { Scope } from "../../db/tenant-scope.js";
import type { Tx } from "../../db/transaction.js";
import { debitGrant } from "./ledger.js";
import { byId } from "../../db/tenant-scope.js";

export async function voidCreditGrant(tenant: Tenant, clock: Clock, input: { id: string }): Promise<CreditGrant> {
  const { scope } = tenant;
  const field = ["input", "id"];
  const found = await tenant.prisma.creditGrant.findUnique({
    where: byId(scope, input.id),
    select: { customer: { select: { testClockId: true } } },
  });
  if (!found) throw new NotFoundError(`No credit grant ${input.id}`, field);

  return tenant.prisma.$transaction(async (tx) => {
    const now = await lockedCustomerNow(tx, scope, found.customer, clock);
    // The row lock a finalization holds on the grants it reads: a void waits for the invoice and
    // then voids what the invoice left.
    await lockGrant(tx, scope, input.id);
    const grant = await tx.creditGrant.findUniqueOrThrow({ where: byId(scope, input.id) });
    if (grant.voidedAt !== null) throw new InvalidInputError(`Credit grant ${grant.id} is already voided`, field);
    if (grant.expiredAt !== null || (grant.expiresAt !== null && grant.expiresAt <= now)) {
      throw new InvalidInputError(`Credit grant ${grant.id} expired at ${grant.expiresAt!.toISOString()}`, field);
    }
    return voidLockedGrant(tx, scope, grant, now);
  });
}

/** Voids a live grant whose row lock the caller holds: what it has left is debited, and the event recorded. */
export async function voidLockedGrant(tx: Tx, scope: Scope, grant: CreditGrant, now: Date): Promise<CreditGrant> {
  await debitGrant(tx, scope, {
    type: "VOID",
    grant,
    amount: toDecimal(grant.remaining.toFixed()),
    effectiveAt: now,
    at: now,
    mark: { voidedAt: now },
  });
  const voided = await tx.creditGrant.findUniqueOrThrow({ where: byId(scope, grant.id) });
  await recordEvent(tx, scope, "billing.credit_grant.voided", creditGrantEventData(voided));
  return voided;
}
