import type { Draft } from '../../shared/api/contract';
import { MAX_DRAFT_BYTES } from '../../shared/api/contract';
import type { Actor } from '../../shared/domain/case';
import { fail, type StoreContext } from './context';

/** Autosave of an unfinished intake: whatever was typed, kept verbatim until saved or discarded. */
export async function saveDraft(ctx: StoreContext, draftId: string, data: unknown, actor: Actor): Promise<Draft> {
  let json: string;
  try {
    json = JSON.stringify(data) ?? '';
  } catch {
    fail('invalid_input', 'errors.request.invalid'); // circular or BigInt: not something a form produces
  }
  const size = new TextEncoder().encode(json).length;
  if (size > MAX_DRAFT_BYTES) fail('invalid_input', 'errors.request.tooLarge', { max: MAX_DRAFT_BYTES });
  const draft: Draft = { draftId, staffId: actor.staffId, data, savedAt: ctx.now() };
  await ctx.db.drafts.put(draft);
  return draft;
}

export function listDrafts(ctx: StoreContext, actor: Actor): Promise<Draft[]> {
  return ctx.db.drafts.where('staffId').equals(actor.staffId).toArray();
}

export async function discardDraft(ctx: StoreContext, draftId: string, actor: Actor): Promise<null> {
  await ctx.db.transaction('rw', ctx.db.drafts, async () => {
    const draft = await ctx.db.drafts.get(draftId);
    if (!draft || draft.staffId !== actor.staffId) fail('not_found', 'errors.draft.notFound');
    await ctx.db.drafts.delete(draftId);
  });
  return null;
}
