// Meters (docs/concepts/meters.md#fields): what is counted and how. Only displayName changes after creation; the status
// moves between ACTIVE and INACTIVE. Dimension keys (docs/concepts/meters.md#dimensions) are fixed too.
import { MAX_DIMENSIONS } from "@tally/billing";
import { tenantKey } from "../caches.js";
import type { Tenant } from "../context.js";
import { isUniqueViolation } from "../db/errors.js";
import { InvalidInputError, NotFoundError } from "../errors.js";
import type { Meter, MeterAggregation, MeterStatus } from "../generated/prisma/client.js";
import { newId } from "../ids.js";
import { recordEvent } from "./event-log/record.js";
import { meterEventData } from "./event-log/serializers.js";
import { byId } from "../db/tenant-scope.js";

export interface CreateMeterInput {
  displayName: string;
  eventName: string;
  aggregation: MeterAggregation;
  customerPayloadKey?: string | null;
  valuePayloadKey?: string | null;
  dimensionPayloadKeys?: readonly string[] | null;
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

/** 0 to MAX_DIMENSIONS distinct payload keys, none of them the customer's or the value's. */
function validDimensionKeys(keys: readonly string[] | null | undefined, reserved: string[]): string[] {
  const field = ["input", "dimensionPayloadKeys"];
  if (keys == null) return [];
  if (keys.length > MAX_DIMENSIONS)
    throw new InvalidInputError(`A meter has at most ${MAX_DIMENSIONS} dimensions`, field);
  keys.forEach((key, i) => {
    validPayloadKey(key, "", "dimensionPayloadKeys");
    if (reserved.includes(key)) {
      throw new InvalidInputError(`${key} is the meter's customer or value payload key`, [...field, String(i)]);
    }
    if (keys.indexOf(key) !== i) throw new InvalidInputError(`${key} is given twice`, [...field, String(i)]);
  });
  return [...keys];
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
  const dimensionPayloadKeys = validDimensionKeys(input.dimensionPayloadKeys, [customerPayloadKey, valuePayloadKey]);
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
          dimensionPayloadKeys,
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
  return tenant.prisma.meter.findUnique({ where: byId(tenant.scope, id) });
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
    const meter = await tx.meter.findUnique({ where: byId(tenant.scope, id) });
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
