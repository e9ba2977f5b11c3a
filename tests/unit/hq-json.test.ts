import { describe, expect, it } from 'vitest';
import { decodeUtf8, MAX_JSON_DEPTH, parseJson, unstorable } from '../../hq/json';

/** What head office concludes from a body's text: parsed, then checked with the text (the fast way) and without it. */
function judged(text: string) {
  const value = parseJson(text);
  return { fast: unstorable(value, text), walked: unstorable(value) };
}

const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

describe('unstorable', () => {
  it.each([
    ['U+0000 in a value', '{"a":["x\\u0000y"]}', '.a[0]'],
    ['an unpaired high surrogate', '{"name":"\\ud800"}', '.name'],
    ['an unpaired low surrogate', '{"name":"\\uDC00 x"}', '.name'],
    ['U+0000 in a key', '{"k\\u0000":1}', '.k'],
    ['nesting deeper than the limit', nested(MAX_JSON_DEPTH + 1), 'nested deeper'],
  ])('finds %s, with the text as without it', (_what, text, where) => {
    const { fast, walked } = judged(text);
    expect(walked).toContain(where);
    expect(fast).toBe(walked);
  });

  it.each([
    ['a paired surrogate', '{"emoji":"\\ud83d\\ude00"}'],
    ['a literal backslash before u0000', '{"path":"C:\\\\u0000"}'],
    ['brackets inside strings', `{"text":"${'['.repeat(40)}"}`],
    ['nesting at the limit', nested(MAX_JSON_DEPTH)],
    ['Chinese text', '{"content":"客户到店投诉金饰鉴定估价明显低于市场价"}'],
  ])('lets %s through', (_what, text) => {
    expect(judged(text)).toEqual({ fast: null, walked: null });
  });
});

describe('decodeUtf8', () => {
  it('reads UTF-8 text, a BOM-less Chinese body included', () => {
    expect(decodeUtf8(new TextEncoder().encode('{"a":"投诉"}'))).toBe('{"a":"投诉"}');
  });
  it.each([
    ['a lone continuation byte', [0x7b, 0x80, 0x7d]],
    ['a truncated sequence', [0xe6, 0x8a]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
  ])('refuses %s as malformed', (_what, bytes) => {
    expect(() => decodeUtf8(new Uint8Array(bytes))).toThrow(expect.objectContaining({ code: 'malformed' }));
  });
});
