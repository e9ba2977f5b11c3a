import { z } from 'zod';
import { ROLES } from '../../domain/enums';
import { MAX_TEXT, textField } from '../../domain/text';
import { defineCommand } from '../define';
import { rowId } from '../../domain/text';
import { NOT_ARCHIVED } from '../stages';

/** Photos, scans and PDFs: what a branch can show on screen and print (R5.1 evidence, R2.3 signed form). */
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

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
    kind: z.enum(['evidence', 'signed_form'], { error: 'errors.request.invalid' }),
  }),
  // The signed paper form (R2.3) may arrive after closing.
  from: NOT_ARCHIVED,
  roles: ROLES,
  event: 'evidence_added',
  apply: ({ c, p, actor, now }) => ({ evidence: [...c.evidence, { ...p, at: now, by: actor.staffId }] }),
});
