import { RequestError } from './errors';

/** Deeper than any case record: the hashing and the database both recurse, so deeper input is refused first. */
export const MAX_JSON_DEPTH = 32;

/**
 * Parses a body as JSON, refusing prototype-pollution keys (`__proto__`, `constructor.prototype`)
 * as Fastify's own parser does: nothing downstream merges objects, but such keys have no business here.
 */
export function parseJsonBody(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new RequestError('malformed', 'The body is not UTF-8 text.');
  }
  try {
    return JSON.parse(text, function (key, value) {
      if (key === '__proto__' || (key === 'constructor' && value !== null && typeof value === 'object' && 'prototype' in value))
        throw new ForbiddenKey(key);
      return value;
    });
  } catch (e) {
    if (e instanceof ForbiddenKey) throw new RequestError('malformed', `The body contains the forbidden key "${e.key}".`);
    throw new RequestError('malformed', `The body is not JSON: ${(e as Error).message}`);
  }
}

class ForbiddenKey extends Error {
  constructor(readonly key: string) {
    super(key);
  }
}

/**
 * Why a parsed value cannot be stored as it is, or null: nesting deeper than MAX_JSON_DEPTH, or
 * text PostgreSQL's jsonb refuses (U+0000, unpaired surrogates).
 */
export function unstorable(value: unknown): string | null {
  const stack: { v: unknown; depth: number; path: string }[] = [{ v: value, depth: 0, path: '' }];
  const badText = (s: string) => s.includes('\u0000') || !s.isWellFormed();
  while (stack.length) {
    const { v, depth, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (badText(v)) return `${path || 'a value'}: text with U+0000 or an unpaired surrogate`;
    } else if (v !== null && typeof v === 'object') {
      if (depth >= MAX_JSON_DEPTH) return `${path}: nested deeper than ${MAX_JSON_DEPTH} levels`;
      for (const [k, child] of Object.entries(v)) {
        const childPath = `${path}${Array.isArray(v) ? `[${k}]` : `.${k.slice(0, 40)}`}`;
        if (badText(k)) return `${childPath}: a key with U+0000 or an unpaired surrogate`;
        stack.push({ v: child, depth: depth + 1, path: childPath });
      }
    }
  }
  return null;
}
