// Accounts and their secret keys. Clear keys exist only in the value returned at creation.
import { generateSecretKey, hashKey, keyHint } from "../auth/keys.js";
import { InvalidInputError } from "../errors.js";
import type { Account, Mode, PrismaClient } from "../generated/prisma/client.js";
import { newId } from "../ids.js";

export interface AccountCredentials {
  account: Account;
  testSecretKey: string;
  liveSecretKey: string;
}

const DEFAULT_ACCOUNT_NAME = "Default";

export async function createAccount(prisma: PrismaClient, name: string): Promise<AccountCredentials> {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 250) {
    throw new InvalidInputError("name must be 1–250 characters", ["input", "name"]);
  }
  return prisma.$transaction((tx) => insertAccount(tx as PrismaClient, trimmed));
}

async function insertAccount(tx: PrismaClient, name: string): Promise<AccountCredentials> {
  const account = await tx.account.create({ data: { id: newId("Account"), name } });
  const keys = { test: generateSecretKey("test"), live: generateSecretKey("live") } satisfies Record<Mode, string>;
  await tx.apiKey.createMany({
    data: (Object.entries(keys) as Array<[Mode, string]>).map(([mode, key]) => ({
      id: newId("ApiKey"),
      accountId: account.id,
      mode,
      keyHash: hashKey(key),
      hint: keyHint(key),
    })),
  });
  return { account, testSecretKey: keys.test, liveSecretKey: keys.live };
}

/**
 * On the first start with an empty database, creates the "Default" account and returns its keys
 * (to be printed once); returns null when any account exists. An advisory lock keeps two servers
 * starting at once from both creating one.
 */
export async function ensureDefaultAccount(prisma: PrismaClient): Promise<AccountCredentials | null> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('tally:default-account'))`;
    if ((await tx.account.count()) > 0) return null;
    return insertAccount(tx as PrismaClient, DEFAULT_ACCOUNT_NAME);
  });
}
