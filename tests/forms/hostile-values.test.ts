/**
 * Every value a printed document shows comes from the case, its log, the branch or its staff
 * list. Here every one of them — text, numbers and sequence numbers alike — is replaced by markup,
 * and no document of any kind may carry that markup as markup.
 */
import { describe, expect, it } from 'vitest';
import { nodeFontSource } from '../../electron/main/fonts';
import { DOCUMENT_KINDS, renderDocument, type DocumentInput } from '../../shared/forms';
import { LOCALES } from '../../shared/i18n/translate';
import { archivedCase, BRANCH, detailOf, ORGANIZATION, type CaseBuild } from './fixtures';

const TAG = 'x-hostile';
const hostile = (where: string) => `"'></td></style><${TAG} data-at="${where}">&amp;`;

/** Every leaf of `value` replaced by markup naming its path; numbers too (a forged or damaged record). */
function poison(value: unknown, path: string, keep: (path: string) => boolean): unknown {
  if (keep(path)) return value;
  if (Array.isArray(value)) return value.map((v, i) => poison(v, `${path}.${i}`, keep));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poison(v, `${path}.${k}`, keep)]));
  }
  if (typeof value === 'string' || typeof value === 'number') return hostile(path);
  return value;
}

/** A case that has everything a document can print: handling, an appeal, accountability, related cases, evidence. */
function fullCase(): CaseBuild {
  const b = archivedCase();
  b.record = {
    ...b.record,
    appeal: { at: b.at, reason: 'appeal' },
    accountability: [
      {
        entry: 1,
        staffId: 'h01',
        kind: 'direct',
        measure: 'criticism',
        department: '客服部',
        proposed: 3,
        points: 2,
        reason: 'late',
        at: 0,
        by: 's01',
        appealDueAt: 1,
        appeal: null,
        decision: null,
      },
    ],
    relatedCaseIds: ['0190a1b2-c3d4-7e5f-8a9b-000000000999'],
    evidence: [{ attachmentId: 'a', name: 'photo.jpg', type: 'image/jpeg', size: 10, kind: 'evidence', at: b.at, by: 'c01' }],
  };
  return b;
}

describe('every value printed is escaped', () => {
  const fonts = nodeFontSource();
  const build = fullCase();
  const detail = detailOf(build);
  // Enum values pick catalog labels and the profile; poisoned, they would print as the key (escaped) — keep
  // the profile so the document can be laid out at all.
  const keep = (path: string) => path.endsWith('.profileId');
  const poisonedDetail = poison(detail, 'detail', keep) as DocumentInput['detail'];
  // A changed field the catalog does not know prints by its name.
  poisonedDetail.events[1]!.changes = { [hostile('changes-key')]: [1, 2] } as never;

  for (const language of LOCALES) {
    for (const kind of DOCUMENT_KINDS) {
      it(`${kind} in ${language}: text, numbers and sequence numbers print as text, never as markup`, async () => {
        const input: DocumentInput = {
          detail: poisonedDetail,
          branch: poison(BRANCH, 'branch', () => false) as DocumentInput['branch'],
          organization: poison(ORGANIZATION, 'organization', () => false) as DocumentInput['organization'],
          language,
          now: build.at,
          fonts,
        };
        const html = await renderDocument(kind, input);
        expect(html).not.toContain(`<${TAG}`);
        expect(html).not.toContain(`</td></style>`);
        // The values are there, as text.
        expect(html).toContain(`&lt;${TAG} data-at=&quot;detail.case.caseNo&quot;&gt;`);
        if (kind === 'archiveSummary') {
          for (const path of ['detail.events.0.seq', 'detail.case.accountability.0.points', 'changes-key']) {
            expect(html, path).toContain(`data-at=&quot;${path}&quot;`);
          }
        }
      });
    }
  }
});
