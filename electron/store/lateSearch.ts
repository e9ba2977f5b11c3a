import type { CaseRecord } from '../../shared/domain/case';
import { SearchIndex } from './searchIndex';

type Change = { upsert: CaseRecord } | { remove: string };

/**
 * A read model's search index, which may arrive after its rows: a start from the snapshot serves
 * the queues as soon as the rows are read, and the search index (most of the snapshot's bytes)
 * follows in the background. Changes made meanwhile are kept in order and applied when it arrives,
 * so it ends as it would have been had it been there all along.
 */
export class LateSearch {
  private index: SearchIndex | null;
  private meanwhile: Change[] = [];
  /** The index once it has arrived with every change made meanwhile; rejects if it could not be loaded. */
  readonly ready: Promise<SearchIndex>;

  constructor(source: SearchIndex | Promise<SearchIndex>) {
    if (source instanceof SearchIndex) {
      this.index = source;
      this.ready = Promise.resolve(source);
      return;
    }
    this.index = null;
    this.ready = source.then((index) => {
      for (const change of this.meanwhile) {
        if ('upsert' in change) index.upsert(change.upsert);
        else index.remove(change.remove);
      }
      this.meanwhile = [];
      this.index = index;
      return index;
    });
    // Whoever searches gets the failure; nobody else has to handle it.
    this.ready.catch(() => {});
  }

  /** The index, or null while it is on its way. */
  get loaded(): SearchIndex | null {
    return this.index;
  }

  /** The index; only once it has arrived (await `ready` first). */
  get now(): SearchIndex {
    if (!this.index) throw new Error('read model: the search index is still loading');
    return this.index;
  }

  upsert(c: CaseRecord): void {
    if (this.index) this.index.upsert(c);
    else this.meanwhile.push({ upsert: c });
  }

  remove(id: string): void {
    if (this.index) this.index.remove(id);
    else this.meanwhile.push({ remove: id });
  }
}
