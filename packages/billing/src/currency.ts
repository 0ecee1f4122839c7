import { data as iso4217 } from "currency-codes";

/** Thrown when a currency code is not an ISO 4217 currency. */
export class UnknownCurrencyError extends Error {
  override readonly name = "UnknownCurrencyError";
  constructor(readonly code: string) {
    super(`Unknown currency: ${JSON.stringify(code)}`);
  }
}

/**
 * ISO 4217 codes that are not currencies one can invoice in: funds (IsFund="true" in the ISO list)
 * and entries with no minor unit ("N.A.": precious metals, bond-market units, SDR, testing, no
 * currency). A test checks this list against the ISO XML that currency-codes ships.
 */
export const NON_CURRENCY_CODES: ReadonlySet<string> = new Set([
  "BOV",
  "CHE",
  "CHW",
  "CLF",
  "COU",
  "MXV",
  "USN",
  "UYI", // funds
  "XAG",
  "XAU",
  "XBA",
  "XBB",
  "XBC",
  "XBD",
  "XDR",
  "XPD",
  "XPT",
  "XSU",
  "XTS",
  "XUA",
  "XXX", // N.A.
]);

/** Lower-case ISO code → number of minor-unit digits, built from the ISO 4217 data. */
const MINOR_UNITS: ReadonlyMap<string, number> = new Map(
  iso4217
    .filter((record) => !NON_CURRENCY_CODES.has(record.code))
    .map((record) => [record.code.toLowerCase(), record.digits]),
);

/** True when `code` is a lower-case ISO 4217 code of a real currency ('usd' yes; 'USD', 'xau' no). */
export function isKnownCurrency(code: string): boolean {
  return MINOR_UNITS.has(code);
}

/** The canonical (trimmed, lower-case) form of a currency code ('USD' → 'usd'), or null when it is not a known currency. */
export function normalizeCurrency(code: string): string | null {
  const normalized = code.trim().toLowerCase();
  return isKnownCurrency(normalized) ? normalized : null;
}

/** Number of minor-unit digits of a lower-case ISO code (usd 2, jpy 0, kwd 3); throws UnknownCurrencyError. */
export function minorUnits(currency: string): number {
  const digits = MINOR_UNITS.get(currency);
  if (digits === undefined) throw new UnknownCurrencyError(currency);
  return digits;
}
