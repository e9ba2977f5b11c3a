/** Escaping for values placed into the HTML and CSS of a printed document. Every value goes through one of these. */

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for an element's content or a quoted attribute value. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]!);
}

/** Multi-line text (complaint content, notes): escaped, line breaks kept by `white-space: pre-wrap` in the CSS. */
export function escapeText(value: string): string {
  return escapeHtml(value.replace(/\r\n?/g, '\n'));
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
