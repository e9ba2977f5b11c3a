import { newCaseRecord } from '../../shared/domain/newCase';
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { Actor, CaseRecord } from '../../shared/domain/case';
import {
  CASE_STATES,
  CHANNELS,
  RESPONSIBILITIES,
  ROLES,
  SATISFACTIONS,
  SEVERITIES,
  isSupervisorRole,
  type CaseState,
  type Severity,
} from '../../shared/domain/enums';
import { hasVisibleText } from '../../shared/domain/text';
import { escalationReasonOf } from '../../shared/domain/escalation';
import { diffRecords, GENESIS_HASH } from '../../shared/ledger/eventHash';
import {
  COMMAND_NAMES,
  allowedCommands,
  applyCommand,
  commandSchemas,
  isDomainError,
  missingFor,
  type Command,
  type CommandName,
} from '../../shared/workflow';

/**
 * Every (from, to) pair a command may produce, written from the workflow diagram in
 * docs/architecture.md and from docs/requirements.md, independently of shared/workflow/machine.ts:
 *  - the diagram's arrows;
 *  - a rejected plan goes back to investigation (R5.4: plans are approved, so they can be refused);
 *  - an appeal (复核, R6.4) reopens an awaiting or closed case;
 *  - a case settled at the counter is archived in the same step (R1.7: "closed and archived at once");
 *    one found outside the remit is archived later ("archived" after any closing);
 *  - the case found outside the remit after it was assigned (R1.4 scope check by the department);
 *  - commands that only record something (notes, progress calls, corrections, reassignment) keep the state.
 */
const ALLOWED_PAIRS: ReadonlySet<string> = new Set(
  [
    ['registered', 'assigned'],
    ['registered', 'invalid'],
    ['registered', 'archived'], // settled at the counter and archived at once (R1.7)
    ['assigned', 'investigating'],
    ['investigating', 'plan_proposed'],
    ['plan_proposed', 'plan_approved'],
    ['plan_approved', 'resolved'],
    ['resolved', 'awaiting_callback'],
    ['awaiting_callback', 'closed'],
    ['awaiting_callback', 'reopened'],
    ['reopened', 'investigating'],
    ['closed', 'archived'],
    // not drawn, described in the text / requirements
    ['plan_proposed', 'investigating'],
    ['closed', 'reopened'],
    ['closed_at_counter', 'archived'],
    ['invalid', 'archived'],
    ['assigned', 'invalid'],
    // the customer's signed form filed on an archived case (R7.2): appended, nothing rewritten
    ['archived', 'archived'],
    // recording without moving
    // (evidence and the signed form may still be attached to a closed case; to an archived one only the signed form)
    ...(
      [
        'registered',
        'assigned',
        'investigating',
        'plan_proposed',
        'plan_approved',
        'resolved',
        'awaiting_callback',
        'reopened',
        'closed',
        'closed_at_counter',
        'invalid',
      ] as const
    ).map((s) => [s, s]),
  ].map(([a, b]) => `${a}->${b}`),
);

const BEFORE_ARCHIVE: readonly CaseState[] = ['closed', 'closed_at_counter', 'invalid'];

const T0 = Date.parse('2026-03-02T10:00:00+08:00');

function registeredCase(severity: Severity, isReport: boolean): CaseRecord {
  const intake = {
    channel: 'walk_in' as const,
    receivedAt: T0,
    receivedBy: 'c01',
    complainant: {
      name: '李四',
      phone: '13812345678',
      address: '',
      email: '',
      idType: 'resident_id' as const,
      idNumber: '',
      anonymous: false,
    },
    businessRef: '',
    category: 'service_attitude',
    severity,
    isReport,
    content: '柜台人员态度恶劣',
    expectedResolution: '',
  };
  const c = newCaseRecord({
    id: '0190f3a2-0000-7000-8000-000000000001',
    caseNo: 'BJ01-20260302-001',
    branchCode: 'BJ01',
    profileId: 'general',
    intake,
    now: T0,
  });
  // As the store registers it: a report, a major or an urgent case has notified the supervisor (R1.1, R1.5).
  const reason = escalationReasonOf(c);
  const escalation = reason && { reason, role: 'supervisor' as const, notifiedAt: T0, acknowledgedAt: null, acknowledgedBy: null };
  return { ...c, escalation, ledgerHead: { seq: 1, hash: GENESIS_HASH } };
}

// ---------------------------------------------------------------------------------------------
// Steps: which command (steered to an offered one most of the time, else any), who, and knobs
// that make the payload valid or break it (a field dropped, blanked, or of the wrong type).
// ---------------------------------------------------------------------------------------------

interface Knobs {
  /** 0–10 valid, 11 drop a field, 12 blank a field, 13 wrong type for a field, 14 extra unknown field. */
  damage: number;
  field: number;
  text: string;
  satisfaction: (typeof SATISFACTIONS)[number];
  standardMet: boolean | undefined;
  objection: string | undefined;
  severity: Severity | undefined;
  isReport: boolean | undefined;
  channel: (typeof CHANNELS)[number];
  responsibility: (typeof RESPONSIBILITIES)[number];
  valid: boolean;
  compensation: number | null;
  staff: string;
}

interface Step {
  /** 0–1: any command name; 2–4: one the UI offers; 5–9: an offered one that moves the case forward. */
  steer: number;
  pick: number;
  actor: Actor;
  knobs: Knobs;
}

const textArb = fc.constantFrom('核实情况', '已电话联系客户', '  ', '', '同意', '调取监控', '客户要求赔偿');

const knobsArb: fc.Arbitrary<Knobs> = fc.record({
  damage: fc.integer({ min: 0, max: 14 }),
  field: fc.nat(),
  text: textArb,
  satisfaction: fc.constantFrom(...SATISFACTIONS),
  standardMet: fc.option(fc.boolean(), { nil: undefined }),
  objection: fc.option(fc.constantFrom('', '   ', '补偿太少', '态度仍然不好'), { nil: undefined }),
  severity: fc.option(fc.constantFrom(...SEVERITIES), { nil: undefined }),
  isReport: fc.option(fc.boolean(), { nil: undefined }),
  channel: fc.constantFrom(...CHANNELS),
  responsibility: fc.constantFrom(...RESPONSIBILITIES),
  valid: fc.boolean(),
  compensation: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: null }),
  staff: fc.constantFrom('h01', 'h02', 's01', 'bad id!'),
});

const actorArb: fc.Arbitrary<Actor> = fc.record({
  staffId: fc.constantFrom('c01', 'h01', 's01', 'a01'),
  role: fc.constantFrom(...ROLES),
});

const stepArb: fc.Arbitrary<Step> = fc.record({
  steer: fc.integer({ min: 0, max: 9 }),
  pick: fc.nat(),
  actor: actorArb,
  knobs: knobsArb,
});

const longText = (k: Knobs) => (k.text.trim() === '' ? '补充说明' : k.text);

/** A full, plausible payload for `name`; damage is applied afterwards. */
function rawPayload(name: CommandName, k: Knobs): Record<string, unknown> {
  switch (name) {
    case 'update': {
      const p: Record<string, unknown> = { content: `${longText(k)}（更正）` };
      if (k.severity !== undefined) p.severity = k.severity;
      if (k.isReport !== undefined) p.isReport = k.isReport;
      if (k.field % 3 === 0) p.complainant = { phone: '010-12345678' };
      if (k.field % 3 === 1) p.complainant = { name: '李四四' };
      return p;
    }
    case 'assign':
      return { department: '客服部', assigneeId: k.staff, dueAt: k.field % 2 ? null : T0 + 86_400_000, note: k.text };
    case 'closeAtCounter':
    case 'markInvalid':
    case 'closeWithoutCallback':
      return { explanation: k.text };
    case 'startInvestigation':
    case 'archive':
    case 'acknowledgeEscalation':
      return {};
    case 'recordEmergencyStep':
    case 'addInvestigationNote':
      return { text: k.text };
    case 'progressCall':
      return { notes: k.text };
    case 'proposePlan':
      return {
        validity: { valid: k.valid, responsibility: k.responsibility, analysis: longText(k) },
        plan: {
          measures: k.text,
          ownerId: k.staff,
          dueAt: T0 + 3 * 86_400_000,
          ...(k.compensation === null ? {} : { compensation: { amount: k.compensation, description: '退还差价' } }),
        },
      };
    case 'approvePlan':
      return { comment: k.text };
    case 'rejectPlan':
      return { comment: k.text };
    case 'recordHandling':
      return { result: k.text };
    case 'tellResult':
      return { method: k.channel };
    case 'recordCallback': {
      const p: Record<string, unknown> = { satisfaction: k.satisfaction, notes: k.text };
      if (k.objection !== undefined) p.objection = k.objection;
      if (k.standardMet !== undefined) p.standardMet = k.standardMet;
      return p;
    }
    case 'fileAppeal':
      return { reason: k.text };
    case 'addEvidence':
      return {
        attachmentId: '0190f3a2-0000-7000-8000-00000000000a',
        name: `${longText(k)}.png`,
        type: 'image/png',
        size: 1 + k.field,
        kind: k.field % 2 ? 'evidence' : 'signed_form',
      };
    case 'linkCase':
      return { relatedCaseId: `0190f3a2-0000-7000-8000-${String(k.field).padStart(12, '0')}` };
    case 'recordAccountability':
      return {
        kind: k.valid ? 'direct' : 'indirect',
        staffId: k.staff,
        measure: 'criticism',
        ...(k.compensation === null ? {} : { deduction: k.compensation % 7 }),
        reason: k.text,
      };
    case 'appealAccountability':
      return { entry: 1 + (k.field % 2), reason: longText(k) };
    case 'decideAccountabilityAppeal':
      return { entry: 1 + (k.field % 2), outcome: k.valid ? 'upheld' : 'adjusted', deduction: k.field % 4, note: longText(k) };
  }
}

/** What the store works out for an accountability record (the rules' proposal, the appeal window). */
const facts = (now: number) => ({ accountability: { proposed: 1, appealDueAt: now + 5 * 86_400_000, department: '' } });
/** Commands that record accountability (R8.3): allowed on an archived case, and changing only its list. */
const ACCOUNTABILITY: readonly CommandName[] = ['recordAccountability', 'appealAccountability', 'decideAccountabilityAppeal'];

function damaged(payload: Record<string, unknown>, k: Knobs): unknown {
  if (k.damage <= 10) return payload;
  if (k.damage === 14) return { ...payload, unexpected: true };
  const keys = Object.keys(payload);
  if (keys.length === 0) return k.damage === 13 ? null : payload;
  const key = keys[k.field % keys.length]!;
  const copy = { ...payload };
  if (k.damage === 11) delete copy[key];
  else if (k.damage === 12) copy[key] = '';
  else copy[key] = 42;
  return copy;
}

const FORWARD: readonly CommandName[] = [
  'acknowledgeEscalation',
  'assign',
  'startInvestigation',
  'addInvestigationNote',
  'proposePlan',
  'approvePlan',
  'recordHandling',
  'tellResult',
  'recordCallback',
  'archive',
];

function chooseName(c: CaseRecord, step: Step): CommandName {
  // A link can be made from every state but the archive, an emergency step in every open state of an
  // urgent case; offered like the rest they would dilute the steering towards the later states (they
  // are still drawn among all commands below).
  const offered = allowedCommands(c, step.actor).filter((n) => n !== 'linkCase' && n !== 'recordEmergencyStep');
  // From a closed case, the customer's appeal is as much a way on as the archive.
  const onward = (n: CommandName) => FORWARD.includes(n) || (n === 'fileAppeal' && c.state === 'closed');
  const forward = offered.filter((n) => onward(n) && !(n === 'assign' && c.assigneeId !== ''));
  // An escalated case stands still for everyone but the supervisor until acknowledged: acknowledge it first, mostly.
  if (step.steer >= 3 && offered.includes('acknowledgeEscalation')) return 'acknowledgeEscalation';
  if (step.steer >= 5 && forward.length > 0) return forward[step.pick % forward.length]!;
  if (step.steer >= 2 && offered.length > 0) return offered[step.pick % offered.length]!;
  return COMMAND_NAMES[step.pick % COMMAND_NAMES.length]!;
}

const observedPairs = new Set<string>();
const observedErrors = new Set<string>();
let archivedRuns = 0;

describe('workflow properties', () => {
  it('random command sequences keep every invariant', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SEVERITIES),
        fc.boolean(),
        fc.array(stepArb, { minLength: 1, maxLength: 40, size: 'max' }),
        (severity, isReport, steps) => {
          let c = registeredCase(severity, isReport);
          let accepted = 0;
          const history: CaseState[] = [c.state];
          let now = T0 + 60_000;

          for (const step of steps) {
            now += 60_000;
            const name = chooseName(c, step);
            const parsed = commandSchemas[name].safeParse(damaged(rawPayload(name, step.knobs), step.knobs));
            if (!parsed.success) continue; // the store refuses it before the machine sees it
            const command = { name, payload: parsed.data } as Command;
            const before = structuredClone(c);
            const wasArchived = c.state === 'archived';

            const r = applyCommand(c, command, step.actor, now, facts(now));

            expect(c, 'applyCommand is pure').toEqual(before);
            if (isDomainError(r)) {
              observedErrors.add(r.message);
            } else {
              if (wasArchived && ACCOUNTABILITY.includes(name)) {
                // R8.3: accountability is recorded on the archived case, and nothing else changes.
                expect(Object.keys(diffRecords(c, r.next)).filter((k) => k !== 'version' && k !== 'updatedAt')).toEqual(['accountability']);
              } else if (wasArchived) {
                // R7.2: the archive is never rewritten; only the signed form may still be filed.
                expect(command, `${name} accepted after archived`).toMatchObject({ name: 'addEvidence', payload: { kind: 'signed_form' } });
                expect(Object.keys(diffRecords(c, r.next)), 'an archived case only gains evidence').toEqual(['evidence']);
              }
              expect(r.from).toBe(before.state);
              expect(r.to).toBe(r.next.state);
              const pair = `${r.from}->${r.to}`;
              expect(ALLOWED_PAIRS.has(pair), `transition ${pair} by ${name}`).toBe(true);
              observedPairs.add(pair);
              expect(r.next.version).toBe(c.version + 1);
              expect(r.events.length).toBeGreaterThanOrEqual(1);
              // A step may pass through a state on its way (settled at the counter, then archived).
              const states = [r.from, ...r.records.map((x) => x.state)];
              if (r.to === 'archived' && r.from !== 'archived') expect(BEFORE_ARCHIVE).toContain(states.at(-2));
              expect(r.records.at(-1)).toBe(r.next);
              c = r.next;
              accepted++;
              history.push(...r.records.map((x) => x.state));
            }

            expect(CASE_STATES).toContain(c.state);
            expect(missingFor(c.state, c), `required fields in ${c.state}`).toEqual([]);
            expect(c.version).toBe(1 + accepted);
          }

          const archivedAt = history.indexOf('archived');
          if (archivedAt >= 0) {
            archivedRuns++;
            expect(history.slice(archivedAt), 'archived is final').toEqual(history.slice(archivedAt).map(() => 'archived'));
            expect(BEFORE_ARCHIVE).toContain(history[archivedAt - 1]);
          }
        },
      ),
      // A fixed seed: the coverage checks below (every transition reached) must not depend on the draw.
      { numRuns: 400, seed: 20261202 },
    );

    // The generator must actually explore the machine, or the properties above prove little.
    for (const pair of [
      'registered->assigned',
      'assigned->investigating',
      'investigating->plan_proposed',
      'plan_proposed->plan_approved',
      'awaiting_callback->closed',
      'awaiting_callback->reopened',
      'closed->archived',
      'registered->archived',
      'plan_proposed->investigating',
      'closed->reopened',
      'reopened->investigating',
      'invalid->archived',
    ]) {
      expect(observedPairs, `generator reached ${pair}`).toContain(pair);
    }
    expect(archivedRuns).toBeGreaterThan(0);
    expect(observedErrors).toContain('errors.workflow.supervisorRequired');
    expect(observedErrors).toContain('errors.workflow.roleNotAllowed');
    expect(observedErrors).toContain('errors.workflow.invalidState');
  }, 60_000); // 400 random runs: a generous limit for a busy CI machine, not a timing assertion

  it('an archived case takes the signed form and accountability, nothing else, whatever the command, payload or actor (R7.2, R8.3)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...COMMAND_NAMES), actorArb, knobsArb, (name, actor, knobs) => {
        const archived = {
          ...registeredCase('general', false),
          state: 'archived' as const,
          closedAt: T0,
          archivedAt: T0,
          closingExplanation: '已归档',
        };
        const parsed = commandSchemas[name].safeParse(damaged(rawPayload(name, knobs), knobs));
        fc.pre(parsed.success);
        const command = { name, payload: parsed.data } as Command;
        const r = applyCommand(archived, command, actor, T0 + 1, facts(T0 + 1));
        const signedForm = name === 'addEvidence' && (parsed.data as { kind: string }).kind === 'signed_form';
        if (name === 'recordAccountability') {
          const p = command.payload as { deduction?: number; reason: string };
          const unexplained = p.deduction !== undefined && p.deduction !== 1 && !hasVisibleText(p.reason);
          expect(isDomainError(r)).toBe(!isSupervisorRole(actor.role) || unexplained);
        } else expect(isDomainError(r)).toBe(!signedForm);
        if (!isDomainError(r)) expect(Object.keys(diffRecords(archived, r.next))).toEqual([signedForm ? 'evidence' : 'accountability']);
        expect(allowedCommands(archived, actor)).toEqual(
          isSupervisorRole(actor.role) ? ['addEvidence', 'recordAccountability'] : ['addEvidence'],
        );
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
