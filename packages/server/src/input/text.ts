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

/** A value to visit, with the key that leads to it from its parent's node. */
interface Visit {
  value: unknown;
  key: string | null;
  parent: Visit | null;
}

function pathOf(visit: Visit, base: readonly string[], key?: string): string[] {
  const keys = key === undefined ? [] : [key];
  for (let at: Visit | null = visit; at?.key != null; at = at.parent) keys.push(at.key);
  return [...base, ...keys.reverse()];
}

/**
 * The path of the first string (or object key) in `value` that cannot be stored, below `path`; null
 * if there is none. Iterative and linear in the value's size (a node links to its parent instead of
 * copying its path), so that a deeply nested JSON value costs neither stack nor quadratic time.
 */
export function unstorableTextPath(value: unknown, path: readonly string[]): string[] | null {
  const pending: Visit[] = [{ value, key: null, parent: null }];
  for (let visit = pending.pop(); visit; visit = pending.pop()) {
    const item = visit.value;
    if (typeof item === "string") {
      if (!isStorableText(item)) return pathOf(visit, path);
    } else if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) pending.push({ value: item[i], key: String(i), parent: visit });
    } else if (item !== null && typeof item === "object" && isPlainObject(item)) {
      for (const [key, child] of Object.entries(item)) {
        if (!isStorableText(key)) return pathOf(visit, path, key);
        pending.push({ value: child, key, parent: visit });
      }
    }
  }
  return null;
}
