import type { Envelope, Params } from '../../shared/api/contract';
import type { IntakeInput } from '../../shared/domain/case';
import type { Role } from '../../shared/domain/enums';
import { createStoreHost, type StoreHost, type StoreHostOptions } from '../../electron/store/host';
import type { AuthOptions } from '../../electron/store/auth/sessions';

/**
 * The staff every test host has, each signed in once. Requests carry the session token the host
 * issued; the host derives who asks from it. The tokens are the same in every host these fixtures
 * open (their randomness is a fixed sequence, the same sign-ins in the same order), so the
 * envelopes below serve any of them.
 */
export const STAFF = [
  { id: 'a01', name: '管理员', role: 'admin', secret: 'admin-password-01' },
  { id: 's01', name: '王主管', role: 'supervisor', secret: '246810' },
  { id: 'h01', name: '李鉴定', role: 'handler', secret: '135790' },
  { id: 'c01', name: '张柜员', role: 'clerk', secret: '112233' },
  { id: 'c02', name: '刘柜员', role: 'clerk', secret: '445566' },
] as const;

/** The organization's staff list of every test host (an org.save that leaves someone out removes them). */
export const ORG_STAFF = STAFF.map(({ id, name, role }) => ({ id, name, role }));

const tokens = new Map<string, string>();

function signedInAs(staffId: string, locale?: Envelope['locale']): Envelope {
  const envelope = {
    get token() {
      const token = tokens.get(staffId);
      if (!token) throw new Error(`no session for ${staffId}: open a host with openHost() first`);
      return token;
    },
  } as Envelope;
  if (locale) envelope.locale = locale;
  return envelope;
}

export const CLERK: Envelope = signedInAs('c01');
export const HANDLER: Envelope = signedInAs('h01');
export const SUPERVISOR: Envelope = signedInAs('s01');
export const ADMIN: Envelope = signedInAs('a01');
/** A second clerk (another person's drafts, cases, sessions). */
export const OTHER_CLERK: Envelope = signedInAs('c02');
/** The same person, answered in English. */
export const EN = (e: Envelope): Envelope => ({
  get token() {
    return e.token;
  },
  locale: 'en',
});

/**
 * Cheap hashing (the editions use 600,000 PBKDF2 iterations; tests/store/sign-in.test.ts checks
 * that default), sessions that outlive the test clock's jumps of days, and a fixed sequence of
 * "random" bytes.
 */
export function testAuth(): AuthOptions {
  let n = 0;
  return {
    iterations: 1000,
    sessionHours: Infinity,
    randomBytes: (length) => {
      n += 1;
      return Uint8Array.from({ length }, (_, i) => (n * 131 + i * 17 + ((n * i) % 7)) & 255);
    },
  };
}

/** First run through the API: the administrator, the staff with their PINs, everyone signed in. */
export async function setUpStaff(host: StoreHost): Promise<void> {
  const [admin, ...others] = STAFF;
  const status = await host.call('auth.status', {}, {});
  if (!status.ok) throw new Error(status.error.message);
  if (status.value.hasAdministrator) return; // a reopened database: its sessions are still there
  const setUp = await host.call('auth.setup', { staffId: admin.id, name: admin.name, password: admin.secret }, {});
  if (!setUp.ok) throw new Error(setUp.error.message);
  tokens.set(admin.id, setUp.value.token);
  const saved = await host.call('org.save', { organization: { departments: [], staff: ORG_STAFF } }, ADMIN);
  if (!saved.ok) throw new Error(saved.error.message);
  for (const member of others) {
    const set = await host.call('auth.setSecret', { staffId: member.id, secret: member.secret }, ADMIN);
    if (!set.ok) throw new Error(set.error.message);
    const signedIn = await host.call('auth.signIn', { staffId: member.id, secret: member.secret }, {});
    if (!signedIn.ok) throw new Error(signedIn.error.message);
    tokens.set(member.id, signedIn.value.token);
  }
}

/**
 * The envelope of another staff member of this host's branch (for tests that need a second clerk,
 * say): added to the organization, given a PIN and signed in.
 */
export async function asStaff(host: StoreHost, staffId: string, role: Role): Promise<Envelope> {
  const org = await host.call('org.get', {}, ADMIN);
  if (!org.ok) throw new Error(org.error.message);
  const staff = [...org.value.staff.filter((m) => m.id !== staffId), { id: staffId, name: staffId, role }];
  const saved = await host.call('org.save', { organization: { ...org.value, staff } }, ADMIN);
  if (!saved.ok) throw new Error(saved.error.message);
  const set = await host.call('auth.setSecret', { staffId, secret: `pin-${staffId}` }, ADMIN);
  if (!set.ok) throw new Error(set.error.message);
  const signedIn = await host.call('auth.signIn', { staffId, secret: `pin-${staffId}` }, {});
  if (!signedIn.ok) throw new Error(signedIn.error.message);
  return { token: signedIn.value.token };
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

/** A store host as the tests use it: cheap hashing, the fixture staff signed in (see testAuth, setUpStaff). */
export async function createTestHost(options: StoreHostOptions): Promise<StoreHost> {
  const host = await createStoreHost({ auth: testAuth(), ...options });
  await setUpStaff(host);
  return host;
}

export async function openHost(
  clock = new TestClock(),
  dbName = uniqueDbName(),
  ledgerBlockSize?: number,
): Promise<{ host: StoreHost; clock: TestClock; dbName: string }> {
  const host = await createTestHost({ dbName, now: clock.now, ...(ledgerBlockSize ? { ledgerBlockSize } : {}) });
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

/**
 * Holds each read of a host's read-model load (`readModel.pause`) until the test lets it go, so
 * requests and writes run at a known point of the load.
 */
export class LoadGate {
  private held: (() => void)[] = [];
  private arrivals: (() => void)[] = [];
  private opened = false;

  readonly pause = (): Promise<void> => {
    if (this.opened) return Promise.resolve();
    return new Promise<void>((go) => {
      this.held.push(go);
      for (const arrived of this.arrivals.splice(0)) arrived();
    });
  };

  /** Resolves once the load waits at a read. */
  async holding(): Promise<void> {
    while (this.held.length === 0) await new Promise<void>((arrived) => this.arrivals.push(arrived));
  }

  /** Lets the reads held now go on; the load stops again at its next one. */
  step(): void {
    for (const go of this.held.splice(0)) go();
  }

  /** Lets every read go on, now and from now on. */
  open(): void {
    this.opened = true;
    this.step();
  }
}
