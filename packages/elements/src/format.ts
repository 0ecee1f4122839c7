// Every number the elements show, formatted with Intl in the reader's locale (docs/elements.md#formatting).
// Amounts and quantities arrive as decimal strings and are handed to Intl as strings, which formats
// them exactly: no JS number ever holds an amount.

/** The browser's preferred locale, or the one the embedding page chose. */
export function resolveLocale(locale?: string): string {
  if (locale) return locale;
  if (typeof navigator !== "undefined" && navigator.language) return navigator.language;
  return "en-US";
}

type NumericString = `${number}`;

/** An amount in its currency's usual digits: "1234.5" usd in en-US is "$1,234.50", in de-DE "1.234,50 $". */
export function formatMoney(amount: string, currency: string, locale?: string): string {
  return new Intl.NumberFormat(resolveLocale(locale), { style: "currency", currency: currency.toUpperCase() }).format(
    amount as NumericString,
  );
}

/** A unit price, which may carry more digits than the currency's minor unit ("0.0004" stays "$0.0004"). */
export function formatUnitAmount(amount: string, currency: string, locale?: string): string {
  return new Intl.NumberFormat(resolveLocale(locale), {
    style: "currency",
    currency: currency.toUpperCase(),
    maximumFractionDigits: 20,
  }).format(amount as NumericString);
}

/** A usage quantity with every digit it has, grouped the reader's way. */
export function formatQuantity(quantity: string, locale?: string): string {
  return new Intl.NumberFormat(resolveLocale(locale), { maximumFractionDigits: 20 }).format(quantity as NumericString);
}

/** A calendar date in the reader's time zone: "Dec 7, 2026". */
export function formatDate(iso: string, locale?: string): string {
  return new Intl.DateTimeFormat(resolveLocale(locale), { dateStyle: "medium" }).format(new Date(iso));
}

/** A period "Dec 1 – Dec 31, 2026", as Intl joins the two ends in the reader's language. */
export function formatPeriod(startIso: string, endIso: string, locale?: string): string {
  return new Intl.DateTimeFormat(resolveLocale(locale), { dateStyle: "medium" }).formatRange(
    new Date(startIso),
    new Date(endIso),
  );
}

/** A chart bucket's label: its day, with the hour for hourly windows. */
export function formatBucket(iso: string, window: "HOUR" | "DAY", locale?: string): string {
  const options: Intl.DateTimeFormatOptions =
    window === "HOUR" ? { month: "short", day: "numeric", hour: "numeric" } : { month: "short", day: "numeric" };
  return new Intl.DateTimeFormat(resolveLocale(locale), options).format(new Date(iso));
}

/** Whether a decimal string is zero ("0", "0.00", "-0.0"), read as text so no float decides it. */
export function isZeroAmount(amount: string): boolean {
  return /^[-+]?0*(\.0*)?$/.test(amount);
}
