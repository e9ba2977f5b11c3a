/**
 * The indicators' names and definitions (shown beside each value; shared/stats/kpis.ts counts them)
 * and the dashboard's refusals. i18next syntax.
 */
import type { Locale } from '../i18n/translate';

const zhCN = {
  'stats.kpi.onTimeAcceptance': '受理及时率',
  'stats.kpi.onTimeAcceptance.definition':
    '期间内受理的投诉中，已分派（或当场办结、认定不属受理范围）或已过分派时限的件数为分母，其中在分派时限内分派或办结的件数为分子。时限按现行时限规则的分派时限和本网点的工作日历计算；尚在时限内等待分派的投诉暂不计入。',
  'stats.kpi.success': '处理成功率',
  'stats.kpi.success.definition':
    '期间内受理并已办结、有客户答复的投诉（当场办结，或经回访后结案）为分母，其中当场办结或最后一次回访为“满意”或“基本满意”的件数为分子。认定不属受理范围的投诉和无法回访的匿名举报不计入。',
  'stats.kpi.satisfaction': '客户满意度',
  'stats.kpi.satisfaction.definition':
    '期间内受理、已有回访结果（或当场办结，记为满意）的投诉的平均分：满意 1 分，基本满意 0.5 分，不满意 0 分。',
  'errors.stats.supervisorOnly': '只有主管或管理员可以查看统计',
  'errors.stats.date': '请输入有效日期（年-月-日）',
  'errors.stats.reversed': '结束日期不能早于开始日期',
  'errors.stats.tooLong': '统计期间最长 {{max}} 天，请缩短期间',
} as const;

export type StatsMessageKey = keyof typeof zhCN;
type Catalog = Record<StatsMessageKey, string>;

const zhTW: Catalog = {
  'stats.kpi.onTimeAcceptance': '受理及時率',
  'stats.kpi.onTimeAcceptance.definition':
    '期間內受理的投訴中，已分派（或當場辦結、認定不屬受理範圍）或已過分派時限的件數為分母，其中在分派時限內分派或辦結的件數為分子。時限按現行時限規則的分派時限和本網點的工作日曆計算；尚在時限內等待分派的投訴暫不計入。',
  'stats.kpi.success': '處理成功率',
  'stats.kpi.success.definition':
    '期間內受理並已辦結、有客戶答覆的投訴（當場辦結，或經回訪後結案）為分母，其中當場辦結或最後一次回訪為「滿意」或「基本滿意」的件數為分子。認定不屬受理範圍的投訴和無法回訪的匿名檢舉不計入。',
  'stats.kpi.satisfaction': '客戶滿意度',
  'stats.kpi.satisfaction.definition':
    '期間內受理、已有回訪結果（或當場辦結，記為滿意）的投訴的平均分：滿意 1 分，基本滿意 0.5 分，不滿意 0 分。',
  'errors.stats.supervisorOnly': '只有主管或管理員可以查看統計',
  'errors.stats.date': '請輸入有效日期（年-月-日）',
  'errors.stats.reversed': '結束日期不能早於開始日期',
  'errors.stats.tooLong': '統計期間最長 {{max}} 天，請縮短期間',
};

const en: Catalog = {
  'stats.kpi.onTimeAcceptance': 'On-time acceptance',
  'stats.kpi.onTimeAcceptance.definition':
    'Of the cases received in the period that were accepted (assigned, settled at the counter or found outside the remit) or are past the assignment deadline, the share accepted by that deadline. The deadline is the assignment clock of the deadline rules in force, on the branch’s working-day calendar; a case still waiting within its deadline is not counted yet.',
  'stats.kpi.success': 'Success rate',
  'stats.kpi.success.definition':
    'Of the cases received in the period and closed with the customer’s answer (settled at the counter, or closed after a callback), the share settled at the counter or whose last callback was satisfied or partly satisfied. Cases found outside the remit and anonymous reports nobody could call back do not count.',
  'stats.kpi.satisfaction': 'Customer satisfaction',
  'stats.kpi.satisfaction.definition':
    'The average score of the cases received in the period that have a callback outcome (a case settled at the counter counts as satisfied): satisfied 1, partly satisfied 0.5, unsatisfied 0.',
  'errors.stats.supervisorOnly': 'Only a supervisor or an administrator can see the statistics',
  'errors.stats.date': 'Enter a real date (YYYY-MM-DD)',
  'errors.stats.reversed': 'The end date may not be before the start date',
  'errors.stats.tooLong': 'A statistics period may span at most {{max}} days: choose a shorter one',
};

export const statsMessages: Readonly<Record<Locale, Catalog>> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };
