// Operator-facing logs: one JSON object per line on stderr (info on stdout). Lines written while
// handling a request carry its request id (withLogFields, set by http/request-id.ts).
import { AsyncLocalStorage } from "node:async_hooks";

export interface Logger {
  info(message: string, detail?: Record<string, unknown>): void;
  error(message: string, detail?: Record<string, unknown>): void;
}

const scopedFields = new AsyncLocalStorage<Record<string, unknown>>();

/** Runs `fn` so that every line it logs, however deep and however late, carries `fields`. */
export function withLogFields<T>(fields: Record<string, unknown>, fn: () => T): T {
  return scopedFields.run({ ...scopedFields.getStore(), ...fields }, fn);
}

function serialise(detail: Record<string, unknown> | undefined): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries({ ...scopedFields.getStore(), ...detail }).map(([k, v]) => [
      k,
      v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v,
    ]),
  );
}

export const consoleLogger: Logger = {
  info: (message, detail) =>
    console.log(JSON.stringify({ level: "info", time: new Date().toISOString(), message, ...serialise(detail) })),
  error: (message, detail) =>
    console.error(JSON.stringify({ level: "error", time: new Date().toISOString(), message, ...serialise(detail) })),
};

function memoryEntry(level: string, message: string, detail: Record<string, unknown> | undefined) {
  const fields = { ...scopedFields.getStore(), ...detail };
  return { level, message, ...(Object.keys(fields).length > 0 ? { detail: fields } : {}) };
}

/** Keeps entries in memory: for tests that assert what operators would see. */
export function memoryLogger(): Logger & {
  entries: Array<{ level: string; message: string; detail?: Record<string, unknown> }>;
} {
  const entries: Array<{ level: string; message: string; detail?: Record<string, unknown> }> = [];
  return {
    entries,
    info: (message, detail) => void entries.push(memoryEntry("info", message, detail)),
    error: (message, detail) => void entries.push(memoryEntry("error", message, detail)),
  };
}
