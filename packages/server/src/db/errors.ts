// Database error classification in one place. Through Prisma a unique violation is P2002; direct
// SQL (node-postgres) reports the raw SQLSTATE 23505.
export function isUniqueViolation(error: unknown): boolean {
  const e = error as {
    code?: unknown;
    cause?: unknown;
    meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } };
  } | null;
  if (!e || typeof e !== "object") return false;
  if (e.code === "P2002" || e.code === "23505") return true;
  if (e.meta?.driverAdapterError?.cause?.originalCode === "23505") return true;
  return e.cause !== undefined && e.cause !== error && isUniqueViolation(e.cause);
}

/** A unique violation of `constraint` reported by direct SQL (node-postgres names the constraint). */
export function violatesUnique(error: unknown, constraint: string): boolean {
  const e = error as { code?: unknown; constraint?: unknown } | null;
  return e?.code === "23505" && e.constraint === constraint;
}

/** Prisma's "record not found" of findUniqueOrThrow and friends. */
export function isRecordNotFound(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "P2025";
}
