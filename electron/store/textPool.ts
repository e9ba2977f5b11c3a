import { withRoom } from './growable';

/**
 * Texts kept as UTF-16 code units one after another in a single typed array: 100,000 search texts
 * as JS strings took about 30 MB of JS heap; here they take their code units and nothing else.
 * A text is found by where it starts and how long it is; the caller keeps both.
 */
export class TextPool {
  private units = new Uint16Array(1024);
  private used = 0;

  get length(): number {
    return this.used;
  }

  /** Appends `text`; returns where it starts. */
  append(text: string): number {
    const start = this.used;
    this.units = withRoom(this.units, start + text.length);
    for (let i = 0; i < text.length; i++) this.units[start + i] = text.charCodeAt(i);
    this.used += text.length;
    return start;
  }

  text(start: number, length: number): string {
    let out = '';
    // In chunks: a long text as call arguments could overflow the stack.
    for (let at = start; at < start + length; at += 4096) {
      out += String.fromCharCode.apply(null, this.units.subarray(at, Math.min(at + 4096, start + length)) as unknown as number[]);
    }
    return out;
  }

  /** Whether the text at `start` (of `length` units) contains `query`, compared unit by unit without building a string. */
  includes(start: number, length: number, query: string): boolean {
    const m = query.length;
    if (m === 0) return true;
    const first = query.charCodeAt(0);
    const units = this.units;
    const last = start + length - m;
    outer: for (let i = start; i <= last; i++) {
      if (units[i] !== first) continue;
      for (let j = 1; j < m; j++) if (units[i + j] !== query.charCodeAt(j)) continue outer;
      return true;
    }
    return false;
  }

  /** The code units in use (a view: valid until the next append). */
  view(): Uint16Array {
    return this.units.subarray(0, this.used);
  }

  /** A pool holding `units` (copied: they may be a view of a larger record). */
  static of(units: Uint16Array): TextPool {
    const pool = new TextPool();
    pool.units = new Uint16Array(units.length + 65_536);
    pool.units.set(units);
    pool.used = units.length;
    return pool;
  }
}
