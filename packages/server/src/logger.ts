// Operator-facing logs: one JSON object per line on stderr (info on stdout).
export interface Logger {
  info(message: string, detail?: Record<string, unknown>): void;
  error(message: string, detail?: Record<string, unknown>): void;
}

function serialise(detail: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!detail) return {};
  return Object.fromEntries(
    Object.entries(detail).map(([k, v]) => [
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

/** Keeps entries in memory: for tests that assert what operators would see. */
export function memoryLogger(): Logger & {
  entries: Array<{ level: string; message: string; detail?: Record<string, unknown> }>;
} {
  const entries: Array<{ level: string; message: string; detail?: Record<string, unknown> }> = [];
  return {
    entries,
    info: (message, detail) => void entries.push({ level: "info", message, ...(detail ? { detail } : {}) }),
    error: (message, detail) => void entries.push({ level: "error", message, ...(detail ? { detail } : {}) }),
  };
}
