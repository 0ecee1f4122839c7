// Text PostgreSQL cannot store: a NUL character (text and jsonb refuse it) or half of a UTF-16
// surrogate pair (it has no UTF-8 encoding). Checked over whole inputs, nested JSON and keys included.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSTORABLE_TEXT_MESSAGE =
  "Text may not contain NUL characters (\\u0000) or unpaired UTF-16 surrogates; this field has one.";

function isStorableText(text: string): boolean {
  return !text.includes("\u0000") && !LONE_SURROGATE.test(text);
}

/** Plain objects only: Dates and decimals from the scalars hold no client text. */
function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * The path of the first string (or object key) in `value` that cannot be stored, below `path`; null
 * if there is none. Iterative, so that a deeply nested JSON value cannot exhaust the stack.
 */
export function unstorableTextPath(value: unknown, path: readonly string[]): string[] | null {
  const pending: Array<[unknown, readonly string[]]> = [[value, path]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, at] = next;
    if (typeof item === "string") {
      if (!isStorableText(item)) return [...at];
    } else if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) pending.push([item[i], [...at, String(i)]]);
    } else if (item !== null && typeof item === "object" && isPlainObject(item)) {
      for (const [key, child] of Object.entries(item)) {
        if (!isStorableText(key)) return [...at, key];
        pending.push([child, [...at, key]]);
      }
    }
  }
  return null;
}
