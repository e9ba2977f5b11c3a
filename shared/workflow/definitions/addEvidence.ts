import { z } from 'zod';
import { CASE_STATES, ROLES, type CaseState } from '../../domain/enums';
import { MAX_TEXT, textField } from '../../domain/text';
import { defineCommand } from '../define';
import { rowId } from '../../domain/text';
import { domainError } from '../errors';

/** Photos, scans and PDFs: what a branch can show on screen and print (R5.1 evidence, R2.3 signed form). */
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

export const ATTACHMENT_KINDS = ['evidence', 'signed_form'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/**
 * What may be attached in a state. The signed paper form (R2.3) may arrive after closing, even after
 * archiving: a complaint settled at the counter is archived the moment it is settled, before the
 * signed sheet is scanned. An archived case takes nothing else; its new version goes to head office.
 */
export function attachmentKindsIn(state: CaseState): readonly AttachmentKind[] {
  return state === 'archived' ? ['signed_form'] : ATTACHMENT_KINDS;
}

/** Only through `cases.addAttachment`, which stores the file in the same transaction; the case page's attachment list issues it. */
export const addEvidence = defineCommand({
  name: 'addEvidence',
  schema: z.object({
    attachmentId: rowId,
    name: textField(MAX_TEXT.short, { required: true }),
    type: z.enum(ATTACHMENT_TYPES, { error: 'errors.attachment.type' }),
    size: z
      .number()
      .int()
      .min(1, { message: 'errors.attachment.empty' })
      .max(MAX_ATTACHMENT_BYTES, { message: 'errors.attachment.tooLarge' }),
    kind: z.enum(ATTACHMENT_KINDS, { error: 'errors.request.invalid' }),
  }),
  from: CASE_STATES,
  roles: ROLES,
  event: 'evidence_added',
  guard: ({ c, p }) =>
    attachmentKindsIn(c.state).includes(p.kind) ? null : domainError('invalid_state', 'errors.attachment.archivedSignedFormOnly'),
  apply: ({ c, p, actor, now }) => ({ evidence: [...c.evidence, { ...p, at: now, by: actor.staffId }] }),
});
