/** Markup that is already safe: made only by `html` (or `raw` for trusted constants). */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** One interpolated value: Html as it is, arrays joined, null/undefined/false as nothing, anything else escaped text. */
type Value = Html | string | number | boolean | null | undefined | readonly Value[];

function render(value: Value): string {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/**
 * The one way pages make markup: every interpolation is escaped unless it is Html already, so text
 * from a branch (names, complaint content, file names) can never become markup. Values go in
 * element content or in double-quoted attribute values, never in unquoted attributes, URLs
 * (use `url`), scripts or styles.
 */
export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => (out += render(v) + strings[i + 1]!));
  return new Html(out);
}

/** A path with each parameter percent-encoded: `url\`/cases/${id}\``. */
export function url(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  let out = strings[0]!;
  values.forEach((v, i) => (out += encodeURIComponent(String(v)) + strings[i + 1]!));
  return out;
}
