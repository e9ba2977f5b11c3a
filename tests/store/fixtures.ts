import type { Envelope, Params } from '../../shared/api/contract';
import type { IntakeInput } from '../../shared/domain/case';
import { createStoreHost, type StoreHost } from '../../electron/store/host';

export const CLERK: Envelope = { actor: { staffId: 'c01', role: 'clerk' } };
export const HANDLER: Envelope = { actor: { staffId: 'h01', role: 'handler' } };
export const SUPERVISOR: Envelope = { actor: { staffId: 's01', role: 'supervisor' } };
export const ADMIN: Envelope = { actor: { staffId: 'a01', role: 'admin' } };
export const EN = (e: Envelope): Envelope => ({ ...e, locale: 'en' });

/**
 * The envelope of another staff member of this host's branch (for tests that need a second clerk,
 * say). Use this rather than writing an envelope by hand: how a person is known to the host changes
 * with sign-in.
 */
export async function asStaff(_host: StoreHost, staffId: string, role: Envelope['actor']['role']): Promise<Envelope> {
  return { actor: { staffId, role } };
}

/** 2026-03-02 10:00 China time (a Monday, working day). */
export const MONDAY_10AM = Date.parse('2026-03-02T10:00:00+08:00');

export class TestClock {
  constructor(public at = MONDAY_10AM) {}
  now = () => this.at;
  advance(ms: number) {
    this.at += ms;
  }
}

export function uniqueDbName(prefix = 'cs-test'): string {
  return `${prefix}-${crypto.randomUUID()}`;
}

export async function openHost(
  clock = new TestClock(),
  dbName = uniqueDbName(),
  ledgerBlockSize?: number,
): Promise<{ host: StoreHost; clock: TestClock; dbName: string }> {
  const host = await createStoreHost({ dbName, now: clock.now, ...(ledgerBlockSize ? { ledgerBlockSize } : {}) });
  return { host, clock, dbName };
}

export async function configuredHost(profileId: 'general' | 'pawnshop' | 'courier' | 'property' = 'pawnshop', ledgerBlockSize?: number) {
  const opened = await openHost(new TestClock(), uniqueDbName(), ledgerBlockSize);
  const r = await opened.host.call('branch.configure', { branch: { branchCode: 'BJ01', branchName: '北京一店', profileId } }, SUPERVISOR);
  if (!r.ok) throw new Error(r.error.message);
  return opened;
}

export function intake(overrides: Partial<IntakeInput> = {}, at = MONDAY_10AM): IntakeInput {
  return {
    channel: 'walk_in',
    receivedAt: at,
    receivedBy: 'c01',
    complainant: { name: '王小明', phone: '138 1234 5678', address: '朝阳区建国路 88 号' },
    businessRef: 'DP2026030200017',
    category: 'appraisal',
    severity: 'general',
    isReport: false,
    content: '当物鉴定估价明显偏低，要求重新鉴定。',
    expectedResolution: '重新估价',
    ...overrides,
  };
}

export async function register(host: StoreHost, params: Partial<IntakeInput> = {}, envelope = CLERK) {
  const r = await host.call('cases.register', { intake: intake(params) }, envelope);
  if (!r.ok) throw new Error(`register failed: ${r.error.message}`);
  return r.value;
}

export async function command(
  host: StoreHost,
  caseId: string,
  name: Params<'cases.command'>['command']['name'],
  payload: unknown,
  envelope: Envelope,
) {
  const detail = await host.call('cases.get', { caseId }, envelope);
  if (!detail.ok) throw new Error(detail.error.message);
  return host.call('cases.command', { caseId, expectedVersion: detail.value.case.version, command: { name, payload } }, envelope);
}

export async function mustCommand(...args: Parameters<typeof command>) {
  const r = await command(...args);
  if (!r.ok) throw new Error(`${args[2]} failed: ${r.error.message}`);
  return r.value;
}

/** A pawnshop plan as a handler proposes it: the complaint is valid, staff are responsible, a compensation. */
export function pawnPlan(dueAt: number) {
  return {
    validity: { valid: true, responsibility: 'staff' as const, analysis: '估价员未按标准称重。' },
    plan: { measures: '重新鉴定并补差价', ownerId: 'h01', dueAt, compensation: { amount: 200, description: '补偿差价' } },
  };
}
