/**
 * Renders every document of a fresh, an assigned, a fully handled and a very long case in zh-CN,
 * zh-TW and en to PDF and PNG (60 dpi), for a person to look at: `npx tsx scripts/forms-look.ts [/tmp/forms-look]`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DOCUMENT_KINDS, renderDocument } from '../shared/forms';
import { LOCALES } from '../shared/i18n/translate';
import { archivedCase, BRANCH, china, CLERK, detailOf, ORGANIZATION, PAWN_INTAKE, register, step } from '../tests/forms/fixtures';
import { nodeFontSource } from '../electron/main/fonts';
import { launchChromium, printToPdf, writePdf } from '../tests/forms/pdf';

const out = process.argv[2] ?? '/tmp/forms-look';
mkdirSync(out, { recursive: true });
const fonts = nodeFontSource();
const fresh = step(
  register(),
  'assign',
  { department: '鉴定部', assigneeId: 'h01', dueAt: null, note: '请今日内联系客户。' },
  CLERK,
  china('2026-03-02 10:20'),
);
const longContent = Array.from({ length: 80 }, (_, i) => `第${i + 1}条：客户反映鉴定估价偏低，要求说明依据并重新鉴定。`).join('');
const manyNotes = Array.from(
  { length: 20 },
  (_, i) => `调查记录 ${i + 1}：调取监控录像与鉴定台账，核对当日金价与估价单据，询问鉴定师与在场员工。`,
);
const cases = {
  fresh: detailOf(register()),
  assigned: detailOf(fresh),
  archived: detailOf(archivedCase()),
  long: detailOf(archivedCase(PAWN_INTAKE, { content: longContent, notes: manyNotes })),
  // R1.1, R1.2: an identity document (printed masked) and an e-mail address; an anonymous report.
  identified: detailOf(
    register({
      ...PAWN_INTAKE,
      complainant: {
        ...PAWN_INTAKE.complainant,
        email: 'wang.xiaoming@example.com',
        idType: 'resident_id',
        idNumber: '11010519491231002X',
      },
    }),
  ),
  anonymous: detailOf(
    register({ ...PAWN_INTAKE, channel: 'letter', isReport: true, complainant: { name: '', phone: '', address: '', anonymous: true } }),
  ),
};
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  for (const [name, detail] of Object.entries(cases)) {
    for (const kind of DOCUMENT_KINDS) {
      for (const language of LOCALES) {
        const html = await renderDocument(kind, {
          detail,
          branch: BRANCH,
          organization: ORGANIZATION,
          language,
          now: detail.case.updatedAt,
          fonts,
        });
        const base = join(out, `${kind}-${name}-${language}`);
        writePdf(`${base}.pdf`, await printToPdf(page, html));
        execFileSync('pdftoppm', ['-r', '60', '-png', `${base}.pdf`, base]);
      }
    }
  }
} finally {
  await browser.close();
}
console.log(`written to ${out}`);
