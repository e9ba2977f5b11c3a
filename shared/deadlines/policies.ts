/**
 * Deadline policies as data, one per business profile; a supervisor may edit them (see schema.ts).
 * Each follows the complaint policy of its business (docs/requirements.md names them): 《客户投诉解决制度》
 * general, 《典当公司客户投诉追责审核办法》 pawnshop, 《公司投诉管理制度及处理流程》 property office,
 * 《菜鸟驿站投诉管理制度》 courier station.
 */
import type { EventType, ProfileId } from '../domain/enums';

export const CLOCK_UNITS = ['hours', 'workingDays'] as const;
export type ClockUnit = (typeof CLOCK_UNITS)[number];

export interface ClockDuration {
  amount: number;
  unit: ClockUnit;
}

/**
 * A clock starts at the latest startOn event and is met by the first metBy event after that start
 * (and not before notBefore, if set). amount/unit is the allowed time from the start.
 */
export interface ClockPolicy extends ClockDuration {
  id: string;
  labelKey: string;
  startOn: readonly EventType[];
  metBy: readonly EventType[];
  notBefore?: ClockDuration;
}

export interface DeadlinePolicy {
  profile: ProfileId;
  clocks: readonly ClockPolicy[];
}

const hours = (amount: number) => ({ amount, unit: 'hours' as const });
const workingDays = (amount: number) => ({ amount, unit: 'workingDays' as const });

/** Events that show the customer has been contacted about the complaint. */
const CUSTOMER_CONTACTED: readonly EventType[] = ['progress_call', 'investigation_started', 'result_told'];

/** 《客户投诉解决制度》, R4.1. */
const GENERAL: DeadlinePolicy = {
  profile: 'general',
  clocks: [
    // 第十二条(二) 转发: 受理后1小时内转发给相关责任部门.
    { id: 'assign', labelKey: 'deadline.clock.assign', startOn: ['registered'], metBy: ['assigned'], ...hours(1) },
    // 第十二条(三) 责任部门在收到投诉解决单后24小时内与客户联系: counted from the assignment; a reopened
    // case needs a fresh contact.
    {
      id: 'contact',
      labelKey: 'deadline.clock.contact',
      startOn: ['assigned', 'reopened'],
      metBy: CUSTOMER_CONTACTED,
      ...hours(24),
    },
    // 第十二条(三) 特殊情况下应在3个工作日内解决完毕.
    {
      id: 'resolve',
      labelKey: 'deadline.clock.resolve',
      startOn: ['registered', 'reopened'],
      metBy: ['handled'],
      ...workingDays(3),
    },
    // 第十八条 解决完毕后1-3个工作日内电话回访.
    {
      id: 'callback',
      labelKey: 'deadline.clock.callback',
      startOn: ['handled'],
      metBy: ['callback_recorded'],
      ...workingDays(3),
      notBefore: workingDays(1),
    },
  ],
};

/** 《典当公司客户投诉追责审核办法》 三、管理流程, R4.2. */
const PAWNSHOP: DeadlinePolicy = {
  profile: 'pawnshop',
  clocks: [
    // (一)2 受理后1小时内初步分类、录入系统并分配至责任部门.
    { id: 'classify', labelKey: 'deadline.clock.classify', startOn: ['registered'], metBy: ['assigned'], ...hours(1) },
    // (二)1 接到分配后2个工作日内成立调查小组; (四)2 客户不满意时重新分配、重新调查.
    {
      id: 'investigationTeam',
      labelKey: 'deadline.clock.investigationTeam',
      startOn: ['assigned', 'reopened'],
      metBy: ['investigation_started', 'plan_proposed', 'handled'],
      ...workingDays(2),
    },
    // (二)2 调查小组3个工作日内完成调查并形成报告; the plan is built on that report.
    {
      id: 'investigation',
      labelKey: 'deadline.clock.investigation',
      startOn: ['investigation_started'],
      metBy: ['plan_proposed', 'handled'],
      ...workingDays(3),
    },
    // (三)2 审批时间原则上不超过1个工作日. A rejection is the approver's timely decision too;
    // otherwise the approver would be late while the proposer reworks the plan.
    {
      id: 'approval',
      labelKey: 'deadline.clock.approval',
      startOn: ['plan_proposed'],
      metBy: ['plan_approved', 'plan_rejected'],
      ...workingDays(1),
    },
    // (四)1 处理完成后1个工作日内回访.
    {
      id: 'callback',
      labelKey: 'deadline.clock.callback',
      startOn: ['handled'],
      metBy: ['callback_recorded'],
      ...workingDays(1),
    },
    // (五)1 处理完成后2个工作日内总结; R4.2 counts it from closing, and archiving completes it.
    { id: 'summary', labelKey: 'deadline.clock.summary', startOn: ['closed'], metBy: ['archived'], ...workingDays(2) },
  ],
};

/**
 * 《菜鸟驿站投诉管理制度》 names no figures: 立即记录 (三1), 在规定时间内给予反馈 (三2),
 * 限时处理 (五1), 方案报上级主管部门审核批准 (五3), 效果评估 (五3). The figures are the company-wide
 * ones of R4.1, plus pawnshop's 1-working-day approval for the superior's sign-off.
 */
const COURIER: DeadlinePolicy = {
  profile: 'courier',
  clocks: [
    { id: 'assign', labelKey: 'deadline.clock.assign', startOn: ['registered'], metBy: ['assigned'], ...hours(1) },
    {
      id: 'contact',
      labelKey: 'deadline.clock.contact',
      startOn: ['assigned', 'reopened'],
      metBy: CUSTOMER_CONTACTED,
      ...hours(24),
    },
    {
      id: 'approval',
      labelKey: 'deadline.clock.approval',
      startOn: ['plan_proposed'],
      metBy: ['plan_approved', 'plan_rejected'],
      ...workingDays(1),
    },
    {
      id: 'resolve',
      labelKey: 'deadline.clock.resolve',
      startOn: ['registered', 'reopened'],
      metBy: ['handled'],
      ...workingDays(3),
    },
    // 效果评估 follows handling directly, so no waiting window as in the general callback.
    {
      id: 'callback',
      labelKey: 'deadline.clock.callback',
      startOn: ['handled'],
      metBy: ['callback_recorded'],
      ...workingDays(3),
    },
  ],
};

/**
 * Property management: 《公司投诉管理制度及处理流程》's 物业公司投诉管理制度 (三: 一般性投诉24小时内给予回应) and its
 * 投诉管理制度 2.2 (处理结果应在5个工作日内通知投诉人), i.e. R4.3; forwarding and callback from R4.1.
 * R4.3's 7-working-day product-quality clock has no counterpart in property services.
 */
const PROPERTY: DeadlinePolicy = {
  profile: 'property',
  clocks: [
    { id: 'assign', labelKey: 'deadline.clock.assign', startOn: ['registered'], metBy: ['assigned'], ...hours(1) },
    {
      id: 'respond',
      labelKey: 'deadline.clock.respond',
      startOn: ['registered', 'reopened'],
      metBy: CUSTOMER_CONTACTED,
      ...hours(24),
    },
    {
      id: 'result',
      labelKey: 'deadline.clock.result',
      startOn: ['registered', 'reopened'],
      metBy: ['result_told'],
      ...workingDays(5),
    },
    {
      id: 'callback',
      labelKey: 'deadline.clock.callback',
      startOn: ['handled'],
      metBy: ['callback_recorded'],
      ...workingDays(3),
      notBefore: workingDays(1),
    },
  ],
};

/**
 * The clock that measures acceptance (受理及时率, R8.2): started by the registration, met by the
 * assignment (R4.1 转发, R4.2 分类分配). Undefined when a supervisor's policy has none.
 */
export function assignmentClock(policy: DeadlinePolicy): ClockPolicy | undefined {
  return policy.clocks.find((clock) => clock.startOn.includes('registered') && clock.metBy.includes('assigned'));
}

export const DEFAULT_DEADLINE_POLICIES: Readonly<Record<ProfileId, DeadlinePolicy>> = {
  general: GENERAL,
  pawnshop: PAWNSHOP,
  courier: COURIER,
  property: PROPERTY,
};
