import { isUtf8 } from 'node:buffer';
import secureJson from 'secure-json-parse';
import { RequestError } from './errors';

/** Deeper than any case record: the hashing and the database both recurse, so deeper input is refused first. */
export const MAX_JSON_DEPTH = 32;

/** A body as text; anything but well-formed UTF-8 is refused. */
export function decodeUtf8(bytes: Uint8Array): string {
  // Node's validator and decoder, a good deal faster than a fatal TextDecoder on a batch of megabytes.
  if (!isUtf8(bytes)) throw new RequestError('malformed', 'The body is not UTF-8 text.');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/**
 * Parses text as JSON, refusing prototype-pollution keys (`__proto__`, `constructor.prototype`)
 * as Fastify's own parser does: nothing downstream merges objects, but such keys have no business here.
 */
export function parseJson(text: string): unknown {
  try {
    // Native JSON.parse; the text is scanned for the forbidden keys only when it mentions them.
    return secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (e) {
    const message = (e as Error).message;
    if (message === 'Object contains forbidden prototype property')
      throw new RequestError('malformed', 'The body contains a forbidden key ("__proto__" or "constructor.prototype").');
    throw new RequestError('malformed', `The body is not JSON: ${message}`);
  }
}

/** An escape that may spell U+0000 or half a surrogate pair (a literal backslash before "u" matches too: then the walk decides). */
const SUSPECT_ESCAPE = /\\u(?:0000|[dD][89a-fA-F])/;

/**
 * Whether the JSON text that `value` was parsed from could be unstorable — one pass over the text
 * instead of a walk over every value of a large batch. Valid UTF-8 text cannot hold an unpaired
 * surrogate or U+0000 except as an escape, and nesting is counted from the brackets outside strings.
 */
function mayBeUnstorable(text: string): boolean {
  if (SUSPECT_ESCAPE.test(text)) return true;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_JSON_DEPTH) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/**
 * Why a parsed value cannot be stored as it is, or null: nesting deeper than MAX_JSON_DEPTH, or
 * text PostgreSQL's jsonb refuses (U+0000, unpaired surrogates). Given the text it was parsed from,
 * the walk is skipped when the text shows neither.
 */
export function unstorable(value: unknown, text?: string): string | null {
  if (text !== undefined && !mayBeUnstorable(text)) return null;
  // The path is kept as a chain of parents and spelled out only for the value that fails.
  type Frame = { v: unknown; depth: number; key: string; parent: Frame | null; inArray: boolean };
  const pathOf = (f: Frame | null): string => {
    let path = '';
    for (let x = f; x?.parent; x = x.parent) path = (x.inArray ? `[${x.key}]` : `.${x.key.slice(0, 40)}`) + path;
    return path;
  };
  const badText = (s: string) => s.includes('\u0000') || !s.isWellFormed();
  const stack: Frame[] = [{ v: value, depth: 0, key: '', parent: null, inArray: false }];
  while (stack.length) {
    const frame = stack.pop()!;
    const { v, depth } = frame;
    if (typeof v === 'string') {
      if (badText(v)) return `${pathOf(frame) || 'a value'}: text with U+0000 or an unpaired surrogate`;
    } else if (v !== null && typeof v === 'object') {
      if (depth >= MAX_JSON_DEPTH) return `${pathOf(frame)}: nested deeper than ${MAX_JSON_DEPTH} levels`;
      const inArray = Array.isArray(v);
      for (const [key, child] of Object.entries(v)) {
        const childFrame: Frame = { v: child, depth: depth + 1, key, parent: frame, inArray };
        if (badText(key)) return `${pathOf(childFrame)}: a key with U+0000 or an unpaired surrogate`;
        stack.push(childFrame);
      }
    }
  }
  return null;
}
