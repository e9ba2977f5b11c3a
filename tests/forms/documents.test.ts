/**
 * The four printed documents rendered to PDF in Debian's Chromium and read back with poppler:
 * every field's value is there, the fonts are the bundled Noto ones and embedded, long content
 * flows onto numbered continuation pages, values are escaped, and each language has its labels.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DOCUMENT_KINDS, renderDocumentWithInfo, type DocumentInput, type DocumentKind } from '../../shared/forms';
import { catalogs, type Locale } from '../../shared/i18n/translate';
import {
  archivedCase,
  BRANCH,
  china,
  CLERK,
  detailOf,
  ORGANIZATION,
  PAWN_INTAKE,
  register,
  step,
  toldCase,
  type CaseBuild,
} from './fixtures';
import { nodeFontSource } from '../../electron/main/fonts';
import { launchChromium, pdfFonts, pdfPageCount, pdfPageTexts, pdfText, printToPdf, squeeze, writePdf } from './pdf';

// One Chromium for the file; printing is quick, but a busy 2-core CI machine deserves slack.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

const fonts = nodeFontSource();
let browser: Browser;
let page: Page;
let dir: string;

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage();
  dir = mkdtempSync(join(tmpdir(), 'cs-forms-'));
});

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Printed {
  html: string;
  path: string;
  text: string;
  /** The text without whitespace (pdftotext spaces CJK text and table columns freely). */
  flat: string;
  pages: string[];
  uncovered: string[];
}

let serial = 0;
async function print(
  kind: DocumentKind,
  build: CaseBuild,
  language: Locale = 'zh-CN',
  extra: Partial<DocumentInput> = {},
): Promise<Printed> {
  const detail = detailOf(build);
  const input: DocumentInput = { detail, branch: BRANCH, organization: ORGANIZATION, language, now: build.at + 600_000, fonts, ...extra };
  const rendered = await renderDocumentWithInfo(kind, input);
  const path = writePdf(join(dir, `${kind}-${language}-${++serial}.pdf`), await printToPdf(page, rendered.html));
  const text = pdfText(path);
  return { html: rendered.html, path, text, flat: squeeze(text), pages: pdfPageTexts(path), uncovered: rendered.uncoveredCharacters };
}

const flat = squeeze;
const zh = catalogs['zh-CN'];

/**
 * Whether a value was printed. pdftotext reads a table row line by line, so the text of a
 * neighbouring cell (a label, the phone number) or of the page margins (a value that continues on
 * the next page) may come between the lines of a value: up to `slack` foreign characters may be
 * interleaved, the value's own characters must all be there, in order.
 */
function printedIn(text: string, value: string, slack = value.length > 20 ? 120 : 24): boolean {
  const hay = Array.from(flat(text));
  const needle = Array.from(flat(value));
  if (flat(text).includes(flat(value))) return true;
  for (let start = 0; start < hay.length; start++) {
    if (hay[start] !== needle[0]) continue;
    let j = 0;
    let skipped = 0;
    for (let i = start; i < hay.length && j < needle.length && skipped <= slack; i++) {
      if (hay[i] === needle[j]) j++;
      else skipped++;
    }
    if (j === needle.length) return true;
  }
  return false;
}

function expectPrinted(doc: Printed | string, value: string, what = value): void {
  const text = typeof doc === 'string' ? doc : doc.text;
  expect(printedIn(text, value), `printed: ${what}`).toBe(true);
}

describe('the registration form (客户投诉登记表)', () => {
  it('of a fully handled case carries every field of the paper annex, filled in', async () => {
    const build = archivedCase();
    const c = build.record;
    const doc = await print('registration', build);
    const expected = [
      '客户投诉登记表',
      `编号NO：${c.caseNo}`,
      '投诉客户姓名',
      c.complainant.name,
      '投诉日期',
      '2026年03月02日10:00',
      '地址',
      c.complainant.address,
      '联系电话',
      c.complainant.phone,
      '当票号',
      c.businessRef,
      '受理渠道',
      '上门',
      '投诉类别',
      '鉴定估价',
      '严重程度',
      '一般',
      '受理网点',
      BRANCH.branchName,
      '受理人',
      '张丽',
      '投诉内容',
      c.content,
      '客户期望',
      c.expectedResolution,
      '情况核实',
      '投诉成立',
      '员工责任',
      c.validity!.analysis,
      ...c.investigationNotes.map((n) => n.text),
      '处理意见',
      c.plan!.measures,
      '李建国',
      '2026年03月04日',
      '1040.00',
      '主管批准',
      '同意，当日办结。',
      '处理结果',
      c.result!.text,
      '以电话方式告知客户',
      '客户回访',
      '满意',
      c.callbacks[0]!.notes,
      '投诉人签字',
      '经办人',
      '主管领导',
    ];
    for (const value of expected) expectPrinted(doc, value);
    expect(doc.uncovered).toEqual([]);
  });

  it('of a case just registered leaves the later sections blank for handwriting, on one page', async () => {
    const build = register();
    const doc = await print('registration', build);
    expect(pdfPageCount(doc.path)).toBe(1);
    for (const label of ['情况核实', '处理意见', '处理结果', '客户回访', '经办人', '主管领导']) expect(doc.flat).toContain(label);
    for (const absent of ['投诉成立', '主管批准', '告知客户', '满意度']) expect(doc.flat).not.toContain(absent);
    expectPrinted(doc, PAWN_INTAKE.content);
    expect(doc.flat).toContain('第1/1页');
  });

  it('labels the business reference and the address as the business profile does', async () => {
    const property = register(
      {
        ...PAWN_INTAKE,
        category: 'engineering_quality',
        businessRef: 'WY-2026-0311',
        complainant: { name: '刘芳', phone: '139 0000 1111', address: '7 栋 2 单元 1102' },
      },
      'property',
    );
    const doc = await print('registration', property);
    expectPrinted(doc, zh['field.businessRef.property']!);
    expectPrinted(doc, zh['field.address.property']!);
    expect(doc.flat).toContain('工程质量');
    expect(doc.flat).toContain('7栋2单元1102');
  });

  it('prints the QR code of the case number as inline SVG, no image', async () => {
    const build = register();
    const doc = await print('registration', build);
    await page.setContent(doc.html);
    expect(await page.$$('svg.qr')).toHaveLength(1);
    expect(await page.$$('img')).toHaveLength(0);
    expect(await page.getAttribute('svg.qr', 'aria-label')).toContain(build.record.caseNo);
  });
});

describe('the registration form in other outcomes', () => {
  it('settled at the counter (and so archived at once): the result says so, with the explanation', async () => {
    const settled = step(
      register(),
      'closeAtCounter',
      { explanation: '当场重新鉴定，按当日金价补足差额，客户满意离开。' },
      CLERK,
      china('2026-03-02 10:40'),
    );
    expect(settled.record.state).toBe('archived');
    const doc = await print('registration', settled);
    expectPrinted(doc, '当场办结');
    expectPrinted(doc, '当场重新鉴定，按当日金价补足差额，客户满意离开。');
  });

  it('outside the remit: the verification says so, with the explanation', async () => {
    const invalid = step(
      register(),
      'markInvalid',
      { explanation: '所述交易发生在其他公司门店，已告知客户向该公司投诉。' },
      CLERK,
      china('2026-03-02 10:40'),
    );
    const doc = await print('registration', invalid);
    expectPrinted(doc, '不属受理范围');
    expectPrinted(doc, '所述交易发生在其他公司门店，已告知客户向该公司投诉。');
  });

  it("a reported (举报) urgent case carries the mark; a branch category prints with the branch's label", async () => {
    const build = register({ ...PAWN_INTAKE, severity: 'urgent', isReport: true, category: 'branch_own' });
    const doc = await print('registration', build, 'zh-CN', {
      organization: { ...ORGANIZATION, customCategories: [{ id: 'branch_own', label: '绝当处置' }] },
    });
    expectPrinted(doc, '紧急');
    expectPrinted(doc, '举报件');
    expectPrinted(doc, '绝当处置');
  });

  it('an unsatisfied callback prints the satisfaction and the objection; the case is reopened', async () => {
    const build = step(
      toldCase(),
      'recordCallback',
      { satisfaction: 'unsatisfied', notes: '客户认为补偿不足。', objection: '要求再补偿 100 元并由店长致歉。', standardMet: false },
      CLERK,
      china('2026-03-05 10:00'),
    );
    expect(build.record.state).toBe('reopened');
    const doc = await print('registration', build);
    expectPrinted(doc, '客户满意度：不满意');
    expectPrinted(doc, '不满意理由：要求再补偿 100 元并由店长致歉。');
  });
});

describe('fonts', () => {
  it('every document, in every language, embeds only the bundled Noto Sans SC/TC, nothing from the host, no tofu', async () => {
    const build = archivedCase();
    for (const kind of DOCUMENT_KINDS) {
      for (const language of ['zh-CN', 'zh-TW', 'en'] as const) {
        const doc = await print(kind, build, language);
        const used = pdfFonts(doc.path);
        expect(used.length, `${kind} ${language}`).toBeGreaterThan(0);
        for (const font of used) {
          expect(font.embedded, `${kind} ${language} ${font.name}`).toBe(true);
          expect(font.name, `${kind} ${language}`).toMatch(/^[A-Z]{6}\+NotoSans(SC|TC)/);
        }
        expect(doc.uncovered).toEqual([]);
        // The Chinese data comes back as text: drawn with real glyphs, not boxes.
        expectPrinted(doc, build.record.complainant.name);
        expectPrinted(doc, build.record.content.slice(0, 30));
      }
    }
  }, 120_000);

  it('zh-TW is drawn with Noto Sans TC glyphs, zh-CN with Noto Sans SC', async () => {
    const build = register();
    const tw = pdfFonts((await print('registration', build, 'zh-TW')).path).map((f) => f.name);
    const cn = pdfFonts((await print('registration', build, 'zh-CN')).path).map((f) => f.name);
    expect(tw.some((n) => n.includes('NotoSansTC'))).toBe(true);
    expect(cn.every((n) => n.includes('NotoSansSC'))).toBe(true);
  });
});

describe('long content', () => {
  // ASCII tokens are never split by a line break, so each one found proves its sentence printed.
  const sentences = Array.from(
    { length: 80 },
    (_, i) => `第${i + 1}条 K${String(i + 1).padStart(4, '0')}：客户反映鉴定估价偏低，要求说明依据并重新鉴定。`,
  );
  const notes = Array.from(
    { length: 25 },
    (_, i) => `调查记录 N${String(i + 1).padStart(4, '0')}：调取监控录像与鉴定台账，核对当日金价与估价单据，询问鉴定师与在场员工。`,
  );

  it('flows onto continuation pages, each with the case number and "page x / y"; nothing is cut', async () => {
    const content = sentences.join('');
    expect(content.length).toBeGreaterThanOrEqual(2000);
    const build = archivedCase(PAWN_INTAKE, { content, notes });
    for (const kind of ['registration', 'archiveSummary', 'handlingSlip', 'receipt'] as const) {
      const doc = await print(kind, build);
      const n = pdfPageCount(doc.path);
      expect(n, kind).toBeGreaterThanOrEqual(2);
      expect(doc.pages, kind).toHaveLength(n);
      doc.pages.forEach((text, i) => {
        expect(flat(text), `${kind} page ${i + 1}`).toContain(`编号NO：${build.record.caseNo}`);
        expect(flat(text), `${kind} page ${i + 1}`).toContain(`第${i + 1}/${n}页`);
      });
      for (let i = 1; i <= sentences.length; i++) expect(doc.text, `${kind} K${i}`).toContain(`K${String(i).padStart(4, '0')}`);
      if (kind === 'registration' || kind === 'archiveSummary') {
        for (let i = 1; i <= notes.length; i++) expect(doc.text, `${kind} N${i}`).toContain(`N${String(i).padStart(4, '0')}`);
        // What follows the long parts is there too.
        expectPrinted(doc, build.record.callbacks[0]!.notes);
      }
    }
  }, 120_000);

  it('in English the page numbers read "Page x / y"', async () => {
    const build = archivedCase(PAWN_INTAKE, { content: sentences.join('') });
    const doc = await print('registration', build, 'en');
    const n = pdfPageCount(doc.path);
    expect(n).toBeGreaterThanOrEqual(2);
    doc.pages.forEach((text, i) => {
      expect(text).toContain(`No. ${build.record.caseNo}`);
      expect(text).toMatch(new RegExp(`Page ${i + 1}\\s*/\\s*${n}`));
    });
  });
});

describe('escaping', () => {
  const hostileName = '<img src=x onerror=alert(1)>';
  const hostileContent = '</style></td></table><script>window.pwned = 1</script><b onmouseover=x>粗体</b>"\'&amp;';

  it('a hostile complainant, content and branch name print as text; no element is injected', async () => {
    const build = register({
      ...PAWN_INTAKE,
      complainant: { name: hostileName, phone: '138 1234 5678', address: '<svg onload=alert(2)>' },
      content: hostileContent,
    });
    const branch = { ...BRANCH, branchName: '一店"}</style><img src=y>' };
    for (const kind of DOCUMENT_KINDS) {
      const doc = await print(kind, build, 'zh-CN', { branch });
      await page.setContent(doc.html);
      expect(await page.$$('img'), kind).toHaveLength(0);
      expect(await page.$$('script'), kind).toHaveLength(0);
      expect(await page.$$('b'), kind).toHaveLength(0);
      expect(await page.$$('svg'), kind).toHaveLength(1); // the QR code only
      expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned), kind).toBeUndefined();
      expect(doc.text, kind).toContain(hostileName);
      expectPrinted(doc, hostileContent, kind);
      // The receipt leaves the address out; the other documents print it.
      if (kind !== 'receipt') expectPrinted(doc, '<svg onload=alert(2)>', kind);
      // The branch name also sits in the page margin's CSS string: it prints there verbatim.
      expectPrinted(doc, '一店"}</style><img src=y>', kind);
    }
  }, 60_000);
});

describe('languages', () => {
  const labelKeys = [
    'forms.registration.title',
    'forms.field.complainant',
    'forms.field.verification',
    'forms.field.opinion',
    'forms.field.result',
    'forms.field.callback',
    'forms.sign.handler',
    'forms.sign.supervisor',
  ];

  it.each(['zh-CN', 'zh-TW', 'en'] as const)("the registration form in %s has that catalog's labels and enum values", async (language) => {
    const build = archivedCase();
    const doc = await print('registration', build, language);
    const catalog = catalogs[language];
    for (const key of [
      ...labelKeys,
      'channel.walk_in',
      'category.appraisal',
      'severity.general',
      'satisfaction.satisfied',
      'responsibility.staff',
      'field.businessRef.pawnshop',
    ]) {
      expectPrinted(doc, catalog[key]!, `${language} ${key}`);
    }
    if (language === 'en') {
      expect(doc.text).toContain('2026-03-02 10:00');
      // No Chinese label: the only CJK text is the case's own data.
      const data = flat(
        [
          build.record.complainant.name,
          build.record.complainant.address,
          build.record.content,
          build.record.expectedResolution,
          BRANCH.branchName,
          '张丽李建国王志强',
          build.record.validity!.analysis,
          build.record.plan!.measures,
          build.record.plan!.compensation!.description,
          build.record.approvals[0]!.comment,
          build.record.result!.text,
          build.record.callbacks[0]!.notes,
          ...build.record.investigationNotes.map((n) => n.text),
        ].join(''),
      );
      const dataChars = new Set(data);
      const stray = [...doc.flat].filter((ch) => /[\u3400-\u9fff]/.test(ch) && !dataChars.has(ch));
      expect(stray).toEqual([]);
    }
  });
});

describe('the receipt', () => {
  it('tells the customer the case number, the next steps with their due dates, and how to follow up', async () => {
    const build = step(
      register(),
      'assign',
      { department: '鉴定部', assigneeId: 'h01', dueAt: null, note: '' },
      CLERK,
      china('2026-03-02 10:20'),
    );
    const doc = await print('receipt', build);
    expect(pdfPageCount(doc.path)).toBe(1);
    for (const value of [
      '客户投诉受理回执',
      build.record.caseNo,
      '王小明',
      '鉴定估价',
      // Pawnshop: the investigation team is due 2 working days after the assignment (Mon → Wed).
      '成立调查小组',
      '分派后2个工作日内',
      '2026年03月04日前',
      '完成调查核实',
      '开始调查后3个工作日内',
      '查询与跟进',
      `请联系${BRANCH.branchName}（BJ01），并提供投诉单号${build.record.caseNo}`,
      '网点电话：010-65001234',
      '工作日按国家法定节假日及调休安排计算',
    ]) {
      expectPrinted(doc, value);
    }
  });

  it('counts working days across a public holiday (清明 2026: Apr 4–6)', async () => {
    const friday = register({ ...PAWN_INTAKE, receivedAt: china('2026-04-03 15:00') });
    const build = step(
      friday,
      'assign',
      { department: '鉴定部', assigneeId: 'h01', dueAt: null, note: '' },
      CLERK,
      china('2026-04-03 15:20'),
    );
    const doc = await print('receipt', build);
    // Fri Apr 3 + 2 working days: Sat–Mon are off (holiday), so Tue Apr 7 and Wed Apr 8.
    expect(doc.flat).toContain('2026年04月08日前');
  });
});

describe('the handling slip (协调工作单)', () => {
  it('gives the department the complaint, the assignment with its instructions and deadline, and room for feedback', async () => {
    const build = step(
      register(),
      'assign',
      { department: '鉴定部', assigneeId: 'h01', dueAt: china('2026-03-04 17:00'), note: '请 24 小时内联系客户，调取当日鉴定记录。' },
      CLERK,
      china('2026-03-02 10:20'),
    );
    const doc = await print('handlingSlip', build);
    for (const value of [
      '投诉处理协调工作单',
      build.record.caseNo,
      PAWN_INTAKE.content,
      PAWN_INTAKE.expectedResolution!,
      '王小明',
      '138 1234 5678',
      '分派情况',
      '责任部门',
      '鉴定部',
      '经办人员',
      '李建国（h01）',
      '分派时间',
      '2026年03月02日10:20',
      '办结期限',
      '2026年03月04日17:00',
      '办理要求',
      '请24小时内联系客户，调取当日鉴定记录。',
      '处理时限',
      '成立调查小组',
      '2026年03月04日前',
      '处理情况反馈',
      '部门负责人',
      '经办人',
    ]) {
      expectPrinted(doc, value);
    }
    expect(pdfPageCount(doc.path)).toBe(1);
  });

  it('before assignment leaves the assignment to be filled in by hand', async () => {
    const doc = await print('handlingSlip', register());
    for (const label of ['责任部门', '经办人员', '办结期限', '办理要求']) expect(doc.flat).toContain(label);
    expect(doc.flat).not.toContain('鉴定部');
  });
});

describe('the archive summary', () => {
  it("holds the whole record and the event log: who, when, what, and each event's hash", async () => {
    const build = archivedCase();
    const doc = await print('archiveSummary', build);
    const c = build.record;
    for (const value of [
      '投诉案卷归档摘要',
      c.caseNo,
      c.content,
      c.validity!.analysis,
      c.plan!.measures,
      c.result!.text,
      c.callbacks[0]!.notes,
      '事件记录',
      '已归档',
      '结案时间',
      '归档时间',
      '王志强（s01）',
      '主管',
    ]) {
      expectPrinted(doc, value);
    }
    for (const event of build.events) {
      expectPrinted(doc, zh[`event.${event.type}`]!, event.type);
      expect(doc.text, `hash of event ${event.seq}`).toContain(event.hash.slice(0, 10));
    }
    expect(doc.flat).toContain('已登记→已分派');
    expect(doc.flat).toContain('改动：处理结果');
  });

  it('logs a counter settlement then its archiving, the explanation under its own label (R1.7)', async () => {
    const settled = step(register(), 'closeAtCounter', { explanation: '当场解释清楚，客户满意' }, CLERK, china('2026-03-02 10:40'));
    const doc = await print('archiveSummary', settled);
    expect(doc.flat).toContain('已登记→当场办结');
    expect(doc.flat).toContain('改动：当场处理说明');
    expect(doc.flat).toContain('当场办结→已归档');
    const english = await print('archiveSummary', settled, 'en');
    expect(english.flat).toContain('Explanationgivenatthecounter'); // flat: without spaces
  });

  it('labels the explanation of a complaint outside the remit as such', async () => {
    const invalid = step(register(), 'markInvalid', { explanation: '不属本店业务' }, CLERK, china('2026-03-02 10:40'));
    const doc = await print('archiveSummary', invalid);
    expect(doc.flat).toContain('改动：不属受理范围的说明');
  });
});

describe('the complainant on the registration form', () => {
  it('shows the identity document by type with its number masked, and the e-mail address; never the full number', async () => {
    const build = register({
      ...PAWN_INTAKE,
      complainant: { ...PAWN_INTAKE.complainant, email: 'wang@example.com', idType: 'resident_id', idNumber: '11010519491231002X' },
    });
    const doc = await print('registration', build);
    expectPrinted(doc, '证件');
    expectPrinted(doc, '居民身份证110105********002X');
    expectPrinted(doc, '电子邮箱');
    expectPrinted(doc, 'wang@example.com');
    expect(doc.flat).not.toContain('11010519491231002X');
    const passport = await print(
      'registration',
      register({ ...PAWN_INTAKE, complainant: { ...PAWN_INTAKE.complainant, idType: 'passport', idNumber: 'E12345678' } }),
      'en',
    );
    expectPrinted(passport, 'PassportE*****678');
    expect(passport.flat).not.toContain('E12345678');
  });

  it('of an anonymous report says "anonymous report" where the name goes, in each language', async () => {
    const build = register({ ...PAWN_INTAKE, isReport: true, complainant: { name: '', phone: '', address: '', anonymous: true } });
    expectPrinted(await print('registration', build), '匿名举报');
    expectPrinted(await print('registration', build, 'en'), 'Anonymous report');
  });
});
