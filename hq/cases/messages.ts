/**
 * Texts for head office's case queries: the outcome labels and the filter and paging errors (zod
 * messages of hq/cases/filter.ts are these keys). i18next syntax; the HQ pages add them to the catalogs.
 */
import type { Locale } from '../../shared/i18n/translate';

const zhCN = {
  'outcome.settled_at_counter': '当场化解',
  'outcome.invalid': '不属受理范围',
  'outcome.closed_without_callback': '结案（无法回访）',
  'outcome.satisfied': '满意',
  'outcome.partly_satisfied': '基本满意',
  'outcome.unsatisfied': '不满意',
  'hq.cases.errors.time': '时间无效',
  'hq.cases.errors.period': '结束时间须晚于开始时间',
  'hq.cases.errors.outcome': '结果无效',
  'hq.cases.errors.textTooShort': '请输入至少一个汉字，或至少三个字母或数字',
  'hq.cases.errors.sort': '排序方式无效',
  'hq.cases.errors.page': '页码无效',
  'hq.cases.errors.size': '每页条数须为 1 至 100',
  'hq.cases.errors.pageTooDeep': '最多只能翻到前 1000 条，请缩小筛选范围',
};

const zhTW: typeof zhCN = {
  'outcome.settled_at_counter': '當場化解',
  'outcome.invalid': '不屬受理範圍',
  'outcome.closed_without_callback': '結案（無法回訪）',
  'outcome.satisfied': '滿意',
  'outcome.partly_satisfied': '基本滿意',
  'outcome.unsatisfied': '不滿意',
  'hq.cases.errors.time': '時間無效',
  'hq.cases.errors.period': '結束時間須晚於開始時間',
  'hq.cases.errors.outcome': '結果無效',
  'hq.cases.errors.textTooShort': '請輸入至少一個漢字，或至少三個字母或數字',
  'hq.cases.errors.sort': '排序方式無效',
  'hq.cases.errors.page': '頁碼無效',
  'hq.cases.errors.size': '每頁筆數須為 1 至 100',
  'hq.cases.errors.pageTooDeep': '最多只能翻到前 1000 筆，請縮小篩選範圍',
};

const en: typeof zhCN = {
  'outcome.settled_at_counter': 'Settled at the counter',
  'outcome.invalid': "Outside the branch's remit",
  'outcome.closed_without_callback': 'Closed without a callback',
  'outcome.satisfied': 'Satisfied',
  'outcome.partly_satisfied': 'Partly satisfied',
  'outcome.unsatisfied': 'Unsatisfied',
  'hq.cases.errors.time': 'Invalid time',
  'hq.cases.errors.period': 'The end must be after the start',
  'hq.cases.errors.outcome': 'Invalid outcome',
  'hq.cases.errors.textTooShort': 'Enter at least one Chinese character, or at least three letters or digits',
  'hq.cases.errors.sort': 'Invalid sort order',
  'hq.cases.errors.page': 'Invalid page number',
  'hq.cases.errors.size': 'Rows per page: 1 to 100',
  'hq.cases.errors.pageTooDeep': 'Only the first 1,000 rows can be paged through; narrow the filter',
};

export const caseQueryMessages: Record<Locale, Record<string, string>> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };
