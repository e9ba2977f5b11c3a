import { z } from 'zod';
import { ROLES } from '../../domain/enums';
import { defineCommand } from '../define';
import { domainError } from '../errors';
import { rowId } from '../../domain/text';
import { NOT_ARCHIVED } from '../stages';

/** Another case about the same matter (a repeat complaint, the same parcel, the same pledge); the related-cases panel issues it. */
export const linkCase = defineCommand({
  name: 'linkCase',
  schema: z.object({ relatedCaseId: rowId }),
  from: NOT_ARCHIVED,
  roles: ROLES,
  event: 'case_linked',
  guard: ({ c, p }) =>
    p.relatedCaseId === c.id
      ? domainError('invalid_input', 'errors.link.self')
      : c.relatedCaseIds.includes(p.relatedCaseId)
        ? domainError('invalid_input', 'errors.link.duplicate')
        : null,
  apply: ({ c, p }) => ({ relatedCaseIds: [...c.relatedCaseIds, p.relatedCaseId] }),
});
