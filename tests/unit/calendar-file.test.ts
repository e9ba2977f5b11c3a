import { describe, expect, it } from 'vitest';
import {
  calendarFile,
  calendarFileSchema,
  DEFAULT_DEADLINE_POLICIES,
  type PublishedCalendar,
  type PublishedPolicy,
} from '../../shared/deadlines';
import { calendarsAnswerSchema } from '../../shared/sync/answers';

const HQ_2027: PublishedCalendar = {
  year: 2027,
  version: 3,
  publishedAt: Date.parse('2026-11-20T10:00:00+08:00'),
  days: [{ date: '2027-01-01', workday: false, name: '元旦' }],
};
const GENERAL: PublishedPolicy = {
  profile: 'general',
  version: 4,
  publishedAt: Date.parse('2026-11-21T10:00:00+08:00'),
  policy: {
    ...DEFAULT_DEADLINE_POLICIES.general,
    clocks: DEFAULT_DEADLINE_POLICIES.general.clocks.map((c) => (c.id === 'resolve' ? { ...c, amount: 5 } : c)),
  },
};
const PAWNSHOP: PublishedPolicy = { profile: 'pawnshop', version: 5, publishedAt: 7, policy: DEFAULT_DEADLINE_POLICIES.pawnshop };

/** As a branch reads a file: its text, parsed and checked. */
const read = (file: unknown) => calendarFileSchema.safeParse(JSON.parse(JSON.stringify(file)));

describe("head office's calendar file", () => {
  it('carries the calendars and the published deadline policies, and reads back as written', () => {
    const file = calendarFile([HQ_2027], [GENERAL, PAWNSHOP]);
    expect(file).toEqual({ format: 'countersign-calendar', formatVersion: 1, calendars: [HQ_2027], policies: [GENERAL, PAWNSHOP] });
    expect(read(file)).toEqual({ success: true, data: file });
    // The same lists as the sync answer, read by the same schema.
    expect(calendarsAnswerSchema.parse({ serverTime: 0, latest: 5, calendars: file.calendars, policies: file.policies })).toMatchObject({
      calendars: file.calendars,
      policies: file.policies,
    });
  });

  it('head office writes an empty list when it has published no policies', () => {
    expect(read(calendarFile([HQ_2027]))).toEqual({ success: true, data: { ...calendarFile([HQ_2027]), policies: [] } });
  });

  it('a file exported before it carried policies still reads: its calendars, no policies', () => {
    const old = { format: 'countersign-calendar', formatVersion: 1, calendars: [HQ_2027] };
    const r = read(old);
    expect(r).toEqual({ success: true, data: old });
    expect(r.data).not.toHaveProperty('policies');
  });

  it('is refused whole when a policy breaks the rules the sync answer applies', () => {
    const bad: [string, unknown][] = [
      ['a policy filed under another profile', [{ ...PAWNSHOP, profile: 'general' }]],
      ['a clock of 0 days', [{ ...GENERAL, policy: { ...GENERAL.policy, clocks: [{ ...GENERAL.policy.clocks[0]!, amount: 0 }] } }]],
      ['no version', [{ ...GENERAL, version: 0 }]],
      ['not a list', { general: GENERAL }],
      ['more policies than a head office has', Array.from({ length: 51 }, () => GENERAL)],
    ];
    for (const [what, policies] of bad) {
      expect(read({ ...calendarFile([HQ_2027]), policies }).success, what).toBe(false);
      expect(calendarsAnswerSchema.safeParse({ serverTime: 0, latest: 5, calendars: [], policies }).success, what).toBe(false);
    }
  });
});
