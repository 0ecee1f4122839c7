// Customers (docs/concepts/subscriptions.md#customers): name, email, metadata and an optional test clock (test mode only).
import type { Tenant } from "../context.js";
import { InvalidInputError, NotFoundError } from "../errors.js";
import type { Customer, Prisma } from "../generated/prisma/client.js";
import { newId } from "../ids.js";
import { recordEvent } from "./event-log/record.js";
import { customerEventData } from "./event-log/serializers.js";

export interface CreateCustomerInput {
  name?: string | null;
  email?: string | null;
  metadata?: Record<string, unknown> | null;
  testClockId?: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Stripe's metadata rules: ≤ 50 keys, keys ≤ 40 characters, string values ≤ 500 characters. */
export function validateMetadata(metadata: Record<string, unknown>, field: string[]): Record<string, string> {
  const entries = Object.entries(metadata);
  if (entries.length > 50) throw new InvalidInputError("metadata has at most 50 keys", field);
  for (const [key, value] of entries) {
    if (key.length < 1 || key.length > 40)
      throw new InvalidInputError("metadata keys are 1–40 characters", [...field, key]);
    if (typeof value !== "string" || value.length > 500) {
      throw new InvalidInputError("metadata values are strings of at most 500 characters", [...field, key]);
    }
  }
  return metadata as Record<string, string>;
}

/** `query` is the GraphQL layer's Prisma selection, so the returned relations come in the same query. */
export async function createCustomer(
  tenant: Tenant,
  input: CreateCustomerInput,
  query: Pick<Prisma.CustomerCreateArgs, "include" | "select"> = {},
): Promise<Customer> {
  const name = input.name?.trim() || null;
  if (name && name.length > 250) throw new InvalidInputError("name must be at most 250 characters", ["input", "name"]);
  const email = input.email?.trim() || null;
  if (email && (email.length > 512 || !EMAIL.test(email))) {
    throw new InvalidInputError(`Not an email address: ${email}`, ["input", "email"]);
  }
  const metadata = input.metadata ? validateMetadata(input.metadata, ["input", "metadata"]) : null;
  if (input.testClockId) {
    if (tenant.scope.mode !== "test") {
      throw new InvalidInputError(
        "Test clocks exist only in test mode.",
        ["input", "testClockId"],
        "TEST_CLOCK_IN_LIVE_MODE",
      );
    }
    const clock = await tenant.prisma.testClock.findUnique({ where: { id: input.testClockId }, select: { id: true } });
    if (!clock) throw new NotFoundError(`No test clock ${input.testClockId}`, ["input", "testClockId"]);
  }
  return tenant.prisma.$transaction(async (tx) => {
    const customer = await tx.customer.create({
      ...query,
      data: {
        id: newId("Customer"),
        ...tenant.scope,
        name,
        email,
        ...(metadata ? { metadata } : {}),
        testClockId: input.testClockId || null,
      },
    });
    await recordEvent(tx, tenant.scope, "customer.created", customerEventData(customer));
    return customer;
  });
}

/** The tenant's customer (with its test clock id, for "now"), or NOT_FOUND on `field`. */
export async function findCustomer(
  tenant: Tenant,
  id: string,
  field: string[],
): Promise<{ id: string; testClockId: string | null }> {
  const customer = await tenant.prisma.customer.findUnique({ where: { id }, select: { id: true, testClockId: true } });
  if (!customer) throw new NotFoundError(`No customer ${id}`, field);
  return customer;
}
