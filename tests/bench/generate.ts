import type { Actor, CaseRecord, Intake } from '../../shared/domain/case';
import { formatCaseNumber, chinaDayKey } from '../../shared/domain/caseNumber';
import { newCaseRecord } from '../../shared/domain/newCase';
import { PROFILES } from '../../shared/domain/profiles';
import type { CaseEvent } from '../../shared/ledger/eventHash';
import { applyCommand, isDomainError, type Command } from '../../shared/workflow';
import { computeClocks, DEFAULT_DEADLINE_POLICIES, nextDueAt, WorkCalendar } from '../../shared/deadlines';
import { chainEvent } from '../../electron/store/ledger';
import { clockHistory } from '../../electron/store/cases';
import { CLOSED_STATES } from '../../shared/domain/enums';

/** Deterministic pseudo-random numbers (mulberry32), so runs are comparable. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split(
    '',
  );
export const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红建国志强丹宇浩然子涵欣怡梓轩诗雨'.split('');
const OPENINGS = ['客户反映', '客户来电称', '客户到店投诉', '客户来信反映', '客户通过邮件反映'];
const ISSUES: Record<string, string[]> = {
  appraisal: ['金饰鉴定估价明显低于市场价', '钻石成色鉴定结果与证书不符', '手表估价过低且未说明依据'],
  fees_interest: ['续当综合费用计算有误', '息费比约定多收了一个月', '提前赎当仍按整月收息'],
  redemption: ['按期赎当时当物不能当场取出', '续当手续办理拖延两天', '赎当时被要求额外付费'],
  collateral_custody: ['赎回的当物有划痕', '当物包装被拆开过', '当物配件缺失'],
  service_attitude: ['工作人员态度生硬', '柜台人员不耐烦地打断客户', '电话无人接听且回电不及时'],
  operation_error: ['当票信息登记错误', '系统录入的金额与当票不一致', '身份证信息登记错位'],
  other: ['停车位被占用无法办理业务', '营业时间与公示不符', '店内排队秩序混乱'],
};
const ASKS = ['要求重新处理并给予说明', '要求退还多收的费用', '希望尽快解决并道歉', '要求赔偿损失', '要求主管出面处理'];

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

const FULL_PATH = [
  'assign',
  'startInvestigation',
  'addInvestigationNote',
  'proposePlan',
  'approvePlan',
  'recordHandling',
  'tellResult',
  'recordCallback',
  'archive',
] as const;
const COUNTER_PATH = ['closeAtCounter', 'archive'] as const;

function payloadFor(name: string, r: () => number, at: number): Command['payload'] {
  switch (name) {
    case 'assign':
      return {
        department: pick(r, ['鉴定部', '业务部', '客服部', '财务部']),
        assigneeId: `h${String(Math.floor(r() * 20)).padStart(2, '0')}`,
        dueAt: null,
        note: '',
      };
    case 'addInvestigationNote':
      return { text: '已调取监控录像、当票及鉴定记录，约谈经办人员。' };
    case 'proposePlan':
      return {
        validity: {
          valid: r() < 0.7,
          responsibility: pick(r, ['company', 'staff', 'customer', 'third_party'] as const),
          analysis: '经核实，原因是操作不规范。',
        },
        plan: { measures: '重新鉴定，向客户书面说明并道歉', ownerId: 'h01', dueAt: at + 3 * 86_400_000, compensation: null },
      };
    case 'approvePlan':
      return { comment: '同意' };
    case 'recordHandling':
      return { result: '已按方案处理完毕，客户已收到说明。' };
    case 'tellResult':
      return { method: 'phone' };
    case 'recordCallback':
      return { satisfaction: 'satisfied', notes: '客户表示满意', objection: '', standardMet: false };
    case 'closeAtCounter':
      return { explanation: '当场解释清楚，客户表示理解。' };
    default:
      return {};
  }
}

const SUPERVISOR: Actor = { staffId: 's01', role: 'supervisor' };

/**
 * `count` pawnshop cases spread over the year before `now`, each with a realistic share of its
 * lifecycle behind it (about a third archived), built with the real workflow and hash chain.
 */
export function generateCases(
  count: number,
  now: number,
  seed = 42,
): { cases: CaseRecord[]; events: CaseEvent[]; sequences: { key: string; last: number }[] } {
  const r = rng(seed);
  const profile = PROFILES.pawnshop;
  const policy = DEFAULT_DEADLINE_POLICIES.pawnshop;
  const calendar = new WorkCalendar();
  const perDay = new Map<string, number>();
  const cases: CaseRecord[] = [];
  const events: CaseEvent[] = [];
  const yearMs = 365 * 86_400_000;
  for (let i = 0; i < count; i++) {
    const receivedAt = now - Math.floor(r() * yearMs);
    const dayKey = chinaDayKey(receivedAt);
    const seq = (perDay.get(dayKey) ?? 0) + 1;
    perDay.set(dayKey, seq);
    const category = pick(r, profile.categories);
    const intake: Intake = {
      channel: pick(r, ['walk_in', 'walk_in', 'walk_in', 'phone', 'phone', 'letter', 'email'] as const),
      receivedAt,
      receivedBy: `c0${Math.floor(r() * 5)}`,
      complainant: {
        name: pick(r, SURNAMES) + pick(r, GIVEN) + (r() < 0.5 ? pick(r, GIVEN) : ''),
        phone: `1${3 + Math.floor(r() * 7)}${String(Math.floor(r() * 1e9)).padStart(9, '0')}`,
        address: `建国路${1 + Math.floor(r() * 300)}号`,
        email: '',
        idType: 'resident_id',
        idNumber: '',
        anonymous: false,
      },
      businessRef: `DP${dayKey}${String(Math.floor(r() * 100000)).padStart(5, '0')}`,
      category,
      severity: r() < 0.9 ? 'general' : r() < 0.7 ? 'major' : 'urgent',
      isReport: r() < 0.02,
      content: `${pick(r, OPENINGS)}${pick(r, ISSUES[category] ?? ISSUES.other!)}，${pick(r, ASKS)}。当票号见业务单据，客户留有联系电话，请尽快跟进。`,
      expectedResolution: pick(r, ASKS),
    };
    let c = newCaseRecord({
      id: crypto.randomUUID(),
      caseNo: formatCaseNumber('BJ01', dayKey, seq),
      branchCode: 'BJ01',
      profileId: 'pawnshop',
      intake,
      now: receivedAt,
    });
    const caseEvents: CaseEvent[] = [chainEvent(null, c, 'registered', { staffId: intake.receivedBy, role: 'clerk' }, receivedAt)];
    const path = r() < 0.25 ? COUNTER_PATH : FULL_PATH;
    const age = now - receivedAt;
    // Older cases are further along.
    const steps = Math.min(path.length, Math.floor((age / yearMs) * path.length * 3 * r()));
    let at = receivedAt;
    for (let s = 0; s < steps; s++) {
      at += Math.floor(r() * 20 * 3_600_000) + 60_000;
      if (at > now) break;
      const name = path[s]!;
      const t = applyCommand(c, { name, payload: payloadFor(name, r, at) } as Command, SUPERVISOR, at);
      if (isDomainError(t)) break;
      let before = c;
      for (const type of t.events) {
        caseEvents.push(chainEvent(before, t.next, type, SUPERVISOR, at));
        before = t.next;
      }
      c = t.next;
    }
    const stopped = CLOSED_STATES.includes(c.state) || c.state === 'archived';
    c.nextDueAt = nextDueAt(computeClocks(policy, clockHistory(caseEvents), now, calendar, { stopped })) ?? Number.POSITIVE_INFINITY;
    cases.push(c);
    events.push(...caseEvents);
  }
  return { cases, events, sequences: [...perDay].map(([day, last]) => ({ key: `BJ01-${day}`, last })) };
}
