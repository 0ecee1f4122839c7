// The UsageStore on PostgreSQL or PGlite: plain SQL on one connection or transaction.
import type { Aggregation } from "@tally/billing";
import type { Scope } from "../../db/tenant-scope.js";
import type { Db } from "../../db/transaction.js";
import type { UsageStore } from "../store.js";
import { addToAlertProgress, setAlertProgress } from "./alert-progress.js";
import { cancelEvent, eventByIdentifier, insertEvents } from "./events.js";
import { findInvoiced, releaseInvoicedPeriods, sealInvoicedPeriods } from "./invoiced.js";
import { combinationUsage } from "./combination-reads.js";
import { recordCombinations } from "./combinations.js";
import { meterUsage, meterUsages, usageByWindow } from "./reads.js";

export function postgresUsageStore(db: Db, scope: Scope): UsageStore {
  return {
    recordEvents: (events, options) => insertEvents(db, scope, events, options),
    recordCombinations: (requests) => recordCombinations(db, scope, requests),
    eventByIdentifier: (identifier) => eventByIdentifier(db, scope, identifier),
    cancelEvent: (event, at) => cancelEvent(db, scope, event, at),
    invoiced: (instants) => findInvoiced(db, scope, instants),
    sealInvoicedPeriods: (invoiceIds) => sealInvoicedPeriods(db, scope, invoiceIds),
    releaseInvoicedPeriods: (invoiceId) => releaseInvoicedPeriods(db, scope, invoiceId),
    usage: (q, aggregation: Aggregation) => meterUsage(db, scope, q, aggregation),
    usages: (queries) => meterUsages(db, scope, queries),
    usageByWindow: (q, window, aggregation) => usageByWindow(db, scope, q, window, aggregation),
    usageByCombination: (q, window, aggregation) => combinationUsage(db, scope, q, window, aggregation),
    addToAlertProgress: (entries, oneTimePeriod) => addToAlertProgress(db, scope, entries, oneTimePeriod),
    setAlertProgress: (rows) => setAlertProgress(db, scope, rows),
  };
}
