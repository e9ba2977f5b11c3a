/**
 * The monthly report's printed page: rendered from the report's data to PDF in Debian's Chromium
 * (as main's printToPDF does) and read back with poppler, in each language.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { nodeFontSource } from '../../electron/main/fonts';
import { renderMonthlyReport } from '../../shared/forms/monthlyReport';
import type { Locale } from '../../shared/i18n/translate';
import type { MonthReportData } from '../../shared/reports/data';
import { launchChromium, pdfFonts, pdfText, printToPdf, squeeze, writePdf } from './pdf';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

const fonts = nodeFontSource();
let browser: Browser;
let page: Page;
let dir: string;

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage();
  dir = mkdtempSync(join(tmpdir(), 'cs-report-'));
});

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const TAKEN = Date.parse('2026-12-01T09:30:00+08:00');

export const REPORT: MonthReportData = {
  month: '2026-11',
  branch: { code: 'BJ01', name: '北京一店' },
  takenAt: TAKEN,
  total: 8,
  byCategory: { appraisal: 5, custom_1: 3 },
  byChannel: { walk_in: 6, phone: 2 },
  bySeverity: { general: 6, major: 1, urgent: 1 },
  bySatisfaction: { satisfied: 3, unsatisfied: 1 },
  byState: { archived: 6, investigating: 2 },
  onTimeAcceptanceRate: 0.875,
  satisfactionRate: 0.75,
  successRate: 1,
  open: 2,
  overdue: 1,
  categoryLabels: { custom_1: '<b>抵押</b>' },
  notable: [
    {
      caseNo: 'BJ01-20261103-0002',
      receivedAt: Date.parse('2026-11-03T10:00:00+08:00'),
      category: 'appraisal',
      severity: 'urgent',
      state: 'investigating',
      reasons: ['urgent', 'overdue'],
    },
    {
      caseNo: 'BJ01-20261120-0001',
      receivedAt: Date.parse('2026-11-20T10:00:00+08:00'),
      category: 'custom_1',
      severity: 'general',
      state: 'archived',
      reasons: ['unsatisfied'],
    },
  ],
  notableTotal: 2,
};

async function printed(language: Locale, data = REPORT) {
  const { html } = await renderMonthlyReport({ data, language, version: 2, now: TAKEN, fonts });
  const path = writePdf(join(dir, `report-${language}.pdf`), await printToPdf(page, html));
  return { html, path, text: squeeze(pdfText(path)) };
}

describe('the monthly report printed', () => {
  it('zh-CN: title, addressee, month, branch, figures, breakdowns with shares and the notable cases', async () => {
    const { text, path, html } = await printed('zh-CN');
    for (const expected of [
      '月度投诉情况报告',
      '报送：运营服务部',
      '2026年11月',
      '北京一店（BJ01）',
      '受理投诉总数8',
      '尚未办结2',
      '其中已超时1',
      '受理及时率87.5%',
      '客户满意度75.0%',
      '处理成功率100.0%',
      '按投诉类别',
      '鉴定估价562.5%',
      '电话225.0%',
      '重点投诉',
      'BJ01-20261103-0002',
      '紧急、已超时',
      '客户不满意',
      '网点负责人',
    ])
      expect(text).toContain(expected);
    // The branch's own category label is text, never markup.
    expect(text).toContain('<b>抵押</b>');
    expect(html).not.toContain('<b>抵押');
    expect(pdfFonts(path).every((f) => f.embedded && /Noto/.test(f.name))).toBe(true);
  });

  it('en and zh-TW have their own words', async () => {
    const en = await printed('en');
    for (const expected of [
      'Monthlycomplaintreport',
      'To:OperationsDepartment',
      '2026-11',
      'Complaintsreceived8',
      'Acceptedontime87.5%',
      'Notablecomplaints',
    ])
      expect(en.text).toContain(expected);
    const tw = await printed('zh-TW');
    for (const expected of ['月度投訴情況報告', '報送：運營服務部', '受理投訴總數8']) expect(tw.text).toContain(expected);
  });

  it('a month without complaints says so', async () => {
    const empty: MonthReportData = {
      ...REPORT,
      total: 0,
      byCategory: {},
      byChannel: {},
      bySeverity: {},
      bySatisfaction: {},
      byState: {},
      onTimeAcceptanceRate: null,
      satisfactionRate: null,
      successRate: null,
      open: 0,
      overdue: 0,
      notable: [],
      notableTotal: 0,
    };
    const { text } = await printed('zh-CN', empty);
    expect(text).toContain('受理投诉总数0');
    expect(text).toContain('受理及时率—');
    expect(text).toContain('本月无重点投诉。');
  });
});
