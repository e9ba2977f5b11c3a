/**
 * Escaping for values placed into the HTML and CSS of a printed document. Every value goes through
 * one of these: document markup is typed `Html`, which only `html` (constant markup with `Html`
 * slots) and the escapers make, so the compiler refuses a value inserted raw — a number included.
 */

declare const SAFE: unique symbol;
/** Markup that is safe to place into a document as it is. */
export type Html = string & { readonly [SAFE]: true };

export const NO_HTML = '' as Html;

/** Constant markup with escaped or already-safe parts in its slots. */
export function html(markup: TemplateStringsArray, ...slots: readonly (Html | readonly Html[])[]): Html {
  let out = markup[0]!;
  slots.forEach((slot, i) => {
    // A value that slipped past the types (a number from an old record) is still escaped.
    const part = typeof slot === 'string' ? slot : Array.isArray(slot) ? slot.join('') : escapeHtml(String(slot as unknown));
    out += part + markup[i + 1]!;
  });
  return out as Html;
}

export function joinHtml(parts: readonly Html[], separator: Html = NO_HTML): Html {
  return parts.join(separator) as Html;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for an element's content or a quoted attribute value. */
export function escapeHtml(value: string | number): Html {
  return String(value).replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]!) as Html;
}

/** Multi-line text (complaint content, notes): escaped, line breaks kept by `white-space: pre-wrap` in the CSS. */
export function escapeText(value: string): Html {
  return escapeHtml(String(value).replace(/\r\n?/g, '\n'));
}

const CSS_SPECIAL = new Set(['\\', '"', "'", '<', '>', '&']);

/**
 * A CSS string literal ("…") for `content:` in @page margin boxes. Quotes, backslashes, line breaks
 * and `<` (which could close the <style> element) become CSS escapes.
 */
export function cssString(value: string): string {
  let escaped = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    escaped += code < 0x20 || code === 0x7f || CSS_SPECIAL.has(ch) ? `\\${code.toString(16)} ` : ch;
  }
  return `"${escaped}"`;
}
