import type { CaseRecord } from '../../shared/domain/case';
import type { ReadModel } from './readModel';
import type { RequestGate } from './requestGate';
import type { OpenedModel } from './snapshot';

/**
 * The host's read model, while it loads and after. At 100,000 cases the load takes ~1 s from the
 * snapshot and several seconds rebuilt from every case; the host answers meanwhile (sign-in, the
 * intake, its save), and only what the model answers waits for `ready`.
 *
 * A case write committed while the model loads is kept and applied, in commit order, when the load
 * ends: a page of the load read before the write holds the old row and one read after it the new
 * one, so applying the committed record afterwards is right either way.
 */
export class ReadModelHandle {
  /** The model once loaded (with the writes committed meanwhile); null while it loads, or if it failed. */
  current: ReadModel | null = null;
  /** How the model was loaded, once it is; rejects if it could not be. */
  readonly opened: Promise<OpenedModel>;
  readonly ready: Promise<ReadModel>;
  /** Case records committed during the load, oldest first; null once it settled. */
  private meanwhile: CaseRecord[] | null = [];

  constructor(load: Promise<OpenedModel>) {
    this.opened = load.then(
      (opened) => {
        for (const c of this.meanwhile!) opened.model.upsert(c);
        this.meanwhile = null;
        this.current = opened.model;
        return opened;
      },
      (e: unknown) => {
        this.meanwhile = null;
        throw e;
      },
    );
    this.ready = this.opened.then((opened) => opened.model);
    // Each request that needs the model gets the failure; nobody else has to handle it.
    this.ready.catch(() => {});
  }

  /**
   * A case write with the model kept in step. `transaction` calls `apply` inside its transaction,
   * before the commit (live queries that re-run on the commit see the change): a loaded model takes
   * the record then, and `undo` puts it back if the commit fails. While the model loads, the
   * record is kept once committed and applied at the end of the load (or at once, if the load
   * ended meanwhile).
   */
  async write(
    transaction: (apply: (c: CaseRecord) => void) => PromiseLike<CaseRecord>,
    undo: (model: ReadModel, applied: CaseRecord) => void,
  ): Promise<CaseRecord> {
    let changed: { model: ReadModel; applied: CaseRecord } | null = null;
    try {
      const stored = await transaction((c) => {
        this.current?.upsert(c);
        changed = this.current ? { model: this.current, applied: c } : null;
      });
      if (!changed) this.committed(stored);
      return stored;
    } catch (e) {
      const undone = changed as { model: ReadModel; applied: CaseRecord } | null;
      if (undone) undo(undone.model, undone.applied);
      throw e;
    }
  }

  private committed(c: CaseRecord): void {
    if (this.current) this.current.upsert(c);
    else this.meanwhile?.push(c);
  }
}

/** The read model, once loaded: what every method answered from it awaits (the load does not wait for such a request). */
export function modelReady(ctx: { readModel: ReadModelHandle; requests: RequestGate }): Promise<ReadModel> {
  return ctx.readModel.current ? ctx.readModel.ready : ctx.requests.waitsFor(ctx.readModel.ready);
}
