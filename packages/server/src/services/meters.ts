// Meters (docs/concepts/meters.md#fields): what is counted and how. Only displayName changes after creation; the status
// moves between ACTIVE and INACTIVE.
import { tenantKey } from "../caches.js";
import type { Tenant } from "../context.js";
import { isUniqueViolation } from "../db/errors.js";
import { InvalidInputError, NotFoundError } from "../errors.js";
import type { Meter, MeterAggregation, MeterStatus } from "../generated/prisma/client.js";
import { newId } from "../ids.js";
import { recordEvent } from "./event-log/record.js";
import { meterEventData } from "./event-log/serializers.js";

export interface CreateMeterInput {
  displayName: string;
  eventName: string;
  aggregation: MeterAggregation;
  customerPayloadKey?: string | null;
  valuePayloadKey?: string | null;
}

const EVENT_NAME = /^[A-Za-z0-9_.:-]{1,100}$/;
const PAYLOAD_KEY_MAX = 100;

function validDisplayName(displayName: string): string {
  const trimmed = displayName.trim();
  if (trimmed.length < 1 || trimmed.length > 250) {
    throw new InvalidInputError("displayName must be 1–250 characters", ["input", "displayName"]);
  }
  return trimmed;
}

function validPayloadKey(key: string | null | undefined, fallback: string, field: string): string {
  if (key == null) return fallback;
  if (key.length < 1 || key.length > PAYLOAD_KEY_MAX) {
    throw new InvalidInputError(`${field} must be 1–${PAYLOAD_KEY_MAX} characters`, ["input", field]);
  }
  return key;
}

export async function createMeter(tenant: Tenant, input: CreateMeterInput): Promise<Meter> {
  const displayName = validDisplayName(input.displayName);
  if (!EVENT_NAME.test(input.eventName)) {
    throw new InvalidInputError("eventName must be 1–100 characters of A–Z, a–z, 0–9, _ . : -", ["input", "eventName"]);
  }
  const customerPayloadKey = validPayloadKey(input.customerPayloadKey, "customer_id", "customerPayloadKey");
  const valuePayloadKey = validPayloadKey(input.valuePayloadKey, "value", "valuePayloadKey");
  if (customerPayloadKey === valuePayloadKey) {
    throw new InvalidInputError("customerPayloadKey and valuePayloadKey must differ", ["input", "valuePayloadKey"]);
  }
  try {
    return await tenant.prisma.$transaction(async (tx) => {
      const meter = await tx.meter.create({
        data: {
          id: newId("Meter"),
          ...tenant.scope,
          displayName,
          eventName: input.eventName,
          aggregation: input.aggregation,
          customerPayloadKey,
          valuePayloadKey,
        },
      });
      await recordEvent(tx, tenant.scope, "billing.meter.created", meterEventData(meter));
      return meter;
    });
  } catch (error) {
    // The unique constraint (accountId, mode, eventName) decides, also between concurrent creates.
    if (isUniqueViolation(error)) {
      throw new InvalidInputError(
        `A meter with the event name ${input.eventName} already exists`,
        ["input", "eventName"],
        "EVENT_NAME_TAKEN",
      );
    }
    throw error;
  }
}

async function getMeter(tenant: Tenant, id: string): Promise<Meter | null> {
  return tenant.prisma.meter.findUnique({ where: { id } });
}

async function updateExisting(
  tenant: Tenant,
  id: string,
  data: { displayName?: string; status?: MeterStatus },
): Promise<Meter> {
  const { count } = await tenant.prisma.meter.updateMany({ where: { id }, data });
  if (count === 0) throw new NotFoundError(`No meter ${id}`, ["input", "id"]);
  const meter = (await getMeter(tenant, id))!;
  tenant.forget("activeMeters", [tenantKey(tenant.scope, meter.eventName)]);
  return meter;
}

export async function updateMeter(tenant: Tenant, input: { id: string; displayName: string }): Promise<Meter> {
  return updateExisting(tenant, input.id, { displayName: validDisplayName(input.displayName) });
}

/** Deactivating an inactive meter (or reactivating an active one) is a no-op that returns it (and records no event). */
export async function setMeterStatus(tenant: Tenant, id: string, status: MeterStatus): Promise<Meter> {
  const meter = await tenant.prisma.$transaction(async (tx) => {
    const { count } = await tx.meter.updateMany({ where: { id, status: { not: status } }, data: { status } });
    const meter = await tx.meter.findUnique({ where: { id } });
    if (!meter) throw new NotFoundError(`No meter ${id}`, ["input", "id"]);
    if (count > 0) {
      await recordEvent(
        tx,
        tenant.scope,
        status === "INACTIVE" ? "billing.meter.deactivated" : "billing.meter.reactivated",
        meterEventData(meter),
      );
    }
    return meter;
  });
  tenant.forget("activeMeters", [tenantKey(tenant.scope, meter.eventName)]);
  return meter;
}
