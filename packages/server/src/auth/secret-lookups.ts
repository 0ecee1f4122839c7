// Secrets that a request brings alone (a customer session token, an invoice's document token),
// found by their SHA-256 in one table keyed by the hash, so that no tenant table needs a key that
// does not lead with the account (docs/operations/scaling.md#past-one-postgresql). A secret is
// recorded in the transaction that issues it and goes with its object (ON DELETE CASCADE).
import type { Scope } from "../db/tenant-scope.js";
import type { Tx } from "../db/transaction.js";
import type { PrismaClient, SecretKind } from "../generated/prisma/client.js";
import { hashKey } from "./keys.js";

/** The column naming each kind's object. */
const TARGET = { CUSTOMER_SESSION: "customerSessionId", INVOICE_DOCUMENT: "invoiceId" } as const;

export interface IssuedSecret {
  scope: Scope;
  /** The object's id. */
  id: string;
  secret: string;
}

/** Records the secrets of objects of one kind, in the transaction that issues them: one INSERT. */
export async function recordSecrets(tx: Tx, kind: SecretKind, issued: readonly IssuedSecret[]): Promise<void> {
  if (issued.length === 0) return;
  await tx.secretLookup.createMany({
    data: issued.map(({ scope, id, secret }) => ({
      kind,
      secretHash: hashKey(secret),
      accountId: scope.accountId,
      mode: scope.mode,
      [TARGET[kind]]: id,
    })),
  });
}

/** The account, mode and id of the object a secret (given by its hashKey) names, across tenants, or null. */
export async function secretTarget(
  prisma: PrismaClient | Tx,
  kind: SecretKind,
  secretHash: string,
): Promise<{ scope: Scope; id: string } | null> {
  const row = await prisma.secretLookup.findUnique({ where: { kind_secretHash: { kind, secretHash } } });
  return row && { scope: { accountId: row.accountId, mode: row.mode }, id: row[TARGET[kind]]! };
}
