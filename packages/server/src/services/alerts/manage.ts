// Usage alerts (docs/concepts/alerts.md#creating-an-alert): create and archive. Evaluation is in evaluate.ts, run by ingest.
import type { Decimal, SegmentCondition } from "@tally/billing";
import type { Tenant } from "../../context.js";
import { InvalidInputError, NotFoundError } from "../../errors.js";
import type { AlertRecurrence, Prisma, UsageAlert, UsageAlertType } from "../../generated/prisma/client.js";
import { newId } from "../../ids.js";
import type { Db } from "../../db/transaction.js";
import { findCustomer } from "../customers.js";
import { validConditions } from "../prices.js";
import { forgetMoneyAlerts } from "../spend-caps/watch.js";
import { byId } from "../../db/tenant-scope.js";

export interface CreateUsageAlertInput {
  title: string;
  meterId: string;
  threshold: Decimal;
  customerId?: string | null;
  recurrence: AlertRecurrence;
  /** What it measures (docs/concepts/alerts.md#alert-types); default USAGE. */
  type?: UsageAlertType | null;
  /** Only events matching every one count (docs/concepts/alerts.md#filters). */
  filters?: readonly SegmentCondition[] | null;
}

const MAX_TITLE_LENGTH = 250;
// UsageAlert.threshold is numeric(65, 30).
const MAX_DECIMAL_PLACES = 30;
const MAX_INTEGER_DIGITS = 35;

/**
 * The receipt order reached so far: events with a larger MeterEvent.seq are "reported after" an
 * alert created now. The sequence is read, not advanced (is_called false: nothing drawn yet).
 */
async function currentSeq(db: Db): Promise<bigint> {
  const [row] = await db.$queryRaw<
    Array<{ last_value: bigint; is_called: boolean }>
  >`SELECT last_value, is_called FROM "MeterEvent_seq_seq"`;
  return row!.is_called ? BigInt(row!.last_value) : BigInt(row!.last_value) - 1n;
}

export async function createUsageAlert(tenant: Tenant, input: CreateUsageAlertInput): Promise<UsageAlert> {
  const title = input.title.trim();
  if (title.length < 1 || title.length > MAX_TITLE_LENGTH) {
    throw new InvalidInputError(`title must be 1–${MAX_TITLE_LENGTH} characters`, ["input", "title"]);
  }
  const { threshold } = input;
  const type = input.type ?? "USAGE";
  // A credit balance alert fires when the balance falls to the threshold, which may be 0.
  if (type === "CREDIT_BALANCE" ? threshold.isNegative() : !threshold.greaterThan(0)) {
    const bound = type === "CREDIT_BALANCE" ? "at least 0" : "greater than 0";
    throw new InvalidInputError(`threshold must be ${bound}; got ${threshold.toFixed()}`, ["input", "threshold"]);
  }
  if (type !== "USAGE" && input.recurrence !== "EVERY_PERIOD") {
    throw new InvalidInputError(`A ${type} alert fires once per billing period: use recurrence EVERY_PERIOD`, [
      "input",
      "recurrence",
    ]);
  }
  if (type !== "USAGE" && (input.filters?.length ?? 0) > 0) {
    throw new InvalidInputError(`A ${type} alert measures the whole invoice: filters are for USAGE alerts`, [
      "input",
      "filters",
    ]);
  }
  if (threshold.decimalPlaces() > MAX_DECIMAL_PLACES || threshold.truncated().toFixed().length > MAX_INTEGER_DIGITS) {
    throw new InvalidInputError(
      `threshold has at most ${MAX_INTEGER_DIGITS} integer digits and ${MAX_DECIMAL_PLACES} decimal places`,
      ["input", "threshold"],
    );
  }
  const meter = await tenant.prisma.meter.findUnique({
    where: byId(tenant.scope, input.meterId),
    select: { id: true, dimensionPayloadKeys: true },
  });
  if (!meter) throw new NotFoundError(`No meter ${input.meterId}`, ["input", "meterId"]);
  const filters = validConditions(input.filters ?? [], meter.dimensionPayloadKeys, ["input", "filters"]);
  if (input.customerId) {
    await findCustomer(tenant, input.customerId, ["input", "customerId"]);
  }
  const alert = await tenant.prisma.usageAlert.create({
    data: {
      id: newId("UsageAlert"),
      ...tenant.scope,
      title,
      meterId: meter.id,
      customerId: input.customerId || null,
      threshold: threshold.toFixed(),
      recurrence: input.recurrence,
      type,
      filters: filters as unknown as Prisma.InputJsonValue,
      startSeq: await currentSeq(tenant.prisma),
    },
  });
  if (type !== "USAGE") forgetMoneyAlerts(tenant);
  return alert;
}

/** An archived alert stops firing; its triggers stay. Archiving an archived alert returns it unchanged. */
export async function archiveUsageAlert(tenant: Tenant, id: string): Promise<UsageAlert> {
  const { count } = await tenant.prisma.usageAlert.updateMany({ where: { id }, data: { status: "ARCHIVED" } });
  if (count === 0) throw new NotFoundError(`No usage alert ${id}`, ["input", "id"]);
  const alert = await tenant.prisma.usageAlert.findUniqueOrThrow({ where: byId(tenant.scope, id) });
  if (alert.type !== "USAGE") forgetMoneyAlerts(tenant);
  return alert;
}
