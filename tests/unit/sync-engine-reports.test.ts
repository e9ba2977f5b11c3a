import { gunzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createSyncEngine } from '../../shared/sync/engine';
import { reportRequestSchema, type ReportEntry } from '../../shared/sync/protocol';
import type { SyncRequest } from '../../shared/sync/request';
import type { Transport } from '../../shared/sync/transport';
import { Clock, ENROLMENT, FakeHq, makeCase, ManualTimers, MemorySource } from './sync/fakes';

/** A source with monthly reports waiting (the store's 'reports' table). */
class ReportSource extends MemorySource {
  reports: (ReportEntry & { deliveredAt: number | null })[] = [];
  async pendingReports(): Promise<ReportEntry[]> {
    return this.reports.filter((r) => r.deliveredAt === null).map(({ deliveredAt: _d, ...r }) => r);
  }
  async acknowledgeReport(reportId: string, at: number): Promise<void> {
    this.reports.find((r) => r.reportId === reportId)!.deliveredAt = at;
  }
}

function report(id: string, month = '2026-11'): ReportEntry & { deliveredAt: null } {
  return {
    reportId: id,
    month,
    version: 1,
    language: 'zh-CN',
    createdAt: 1,
    createdBy: 's01',
    data: {
      month,
      branch: { code: 'BJ01', name: '北京一店' },
      takenAt: 1,
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
      categoryLabels: {},
      notable: [],
      notableTotal: 0,
    },
    xlsx: 'UEsDBA==',
    pdf: null,
    deliveredAt: null,
  };
}

/**
 * Head office with the reports route in front of the fake's other routes: `answer` decides each
 * report's answer (status and body); null leaves the request to the fake (an older head office: 404).
 */
function setup(answer: ((body: unknown) => { status: number; json: unknown }) | null) {
  const clock = new Clock();
  const timers = new ManualTimers(clock);
  const source = new ReportSource();
  const hq = new FakeHq(clock);
  const reports: unknown[] = [];
  const transport: Transport = async (request: SyncRequest) => {
    if (answer && request.url.endsWith('/v1/reports')) {
      const body = JSON.parse(new TextDecoder().decode(gunzipSync(request.body!)));
      reports.push(body);
      const a = answer(body);
      return { status: a.status, body: new TextEncoder().encode(JSON.stringify(a.json)) };
    }
    return hq.transport(request);
  };
  const engine = createSyncEngine({
    source,
    transport,
    enrolment: async () => ENROLMENT,
    now: clock.now,
    random: () => 0.5,
    appVersion: '1.2.3',
    setTimer: timers.setTimer,
    clearTimer: timers.clearTimer,
  });
  return { clock, source, hq, engine, reports };
}

const accepted = (body: unknown) => ({
  status: 200,
  json: { reportId: (body as { report: ReportEntry }).report.reportId, status: 'accepted', serverTime: 1 },
});

describe('sync engine: monthly reports', () => {
  it('sends each waiting report after the cases, signed and well-formed, and marks it delivered on its answer', async () => {
    const { source, engine, reports, clock } = setup(accepted);
    source.archive(makeCase(1));
    source.reports.push(report('r1'), report('r2', '2026-10'));
    expect(await engine.syncOnce()).toEqual({ result: 'done', sent: 1, rejected: 0 });
    expect(reports).toHaveLength(2);
    for (const body of reports) expect(reportRequestSchema.safeParse(body).success).toBe(true);
    expect(source.reports.map((r) => r.deliveredAt)).toEqual([clock.at, clock.at]);
    expect(source.state).toMatchObject({ lastError: null, attempt: 0, lastSuccessAt: clock.at });
    // Delivered: not sent again.
    await engine.syncOnce();
    expect(reports).toHaveLength(2);
  });

  it('a report head office refuses (invalid) is set aside and named; the others go; it is tried again next run', async () => {
    const { source, engine, reports } = setup((body) =>
      (body as { report: ReportEntry }).report.reportId === 'bad'
        ? { status: 400, json: { error: { code: 'invalid_batch', message: 'no', serverTime: 1 } } }
        : accepted(body),
    );
    source.reports.push(report('bad'), report('good'));
    expect(await engine.syncOnce()).toMatchObject({ result: 'done' });
    expect(source.reports.map((r) => [r.reportId, r.deliveredAt !== null])).toEqual([
      ['bad', false],
      ['good', true],
    ]);
    expect(source.state.lastError).toMatchObject({ code: 'invalid_batch', detail: 'report 2026-11 v1' });
    await engine.syncOnce();
    expect(reports.filter((b) => (b as { report: ReportEntry }).report.reportId === 'bad')).toHaveLength(2);
  });

  it('a head office without the route (404): the cases go, the reports wait and the last error says so', async () => {
    const { source, engine, hq } = setup(null);
    source.archive(makeCase(1));
    source.reports.push(report('r1'), report('r2'));
    expect(await engine.syncOnce()).toEqual({ result: 'done', sent: 1, rejected: 0 });
    expect(hq.held.size).toBe(1);
    expect(source.reports.every((r) => r.deliveredAt === null)).toBe(true);
    expect(source.state.lastError).toMatchObject({ code: 'not_found' });
    // It stops at the first 404: one request, not one a report.
    expect(hq.requests.filter((r) => r.url.endsWith('/v1/reports'))).toHaveLength(1);
  });

  it('a network failure while sending a report fails the run, which retries later', async () => {
    const { source, engine } = setup(() => {
      throw new TypeError('fetch failed: ECONNREFUSED');
    });
    source.reports.push(report('r1'));
    expect(await engine.syncOnce()).toMatchObject({ result: 'failed', error: { code: 'network' } });
    expect(source.reports[0]!.deliveredAt).toBeNull();
    expect(source.state.nextAttemptAt).not.toBeNull();
  });
});
