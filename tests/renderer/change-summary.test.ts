import { describe, expect, it } from 'vitest';
import { CASE_STATES, CHANNELS, RESPONSIBILITIES, SATISFACTIONS, SEVERITIES, type EventType } from '../../shared/domain/enums';
import { PROFILES } from '../../shared/domain/profiles';
import { LOCALES, translate, type Locale } from '../../shared/i18n/translate';
import { ui } from '../../renderer/i18n/ui';
import { chinaTime } from '../../renderer/app/chinaTime';
import { changeLines, type ValueFormat } from '../../shared/i18n/changes';

/** The screen's texts in one language: its own catalog over the shared one, as renderer/i18n merges them. */
function format(locale: Locale): ValueFormat {
  const t = (key: string) => (ui[locale] as Record<string, string>)[key] ?? translate(locale, key);
  return { t, time: (at) => chinaTime(locale, at), category: (id) => t(`category.${id}`), unlabelled: () => t('case.otherField') };
}
const zh = format('zh-CN');
const en = format('en');

/** A line's value part, after the arrow. */
const valueOf = (line: string | undefined) => line?.split(' → ')[1];

describe('the timeline says what changed', () => {
  it('names fields by their screen labels, shows a new state and short texts, and leaves out bookkeeping', () => {
    const lines = changeLines(
      {
        state: ['registered', 'assigned'],
        assignments: [[], [{ department: '鉴定部' }]],
        assigneeId: ['', 'h01'],
        version: [1, 2],
        updatedAt: [1, 2],
        nextDueAt: [1, 2],
      },
      zh,
    );
    expect(lines).toEqual(['状态 → 已分派', '分派', '经办人 → h01']);
  });

  it('lists nothing for the registration: its changes are the whole record, shown above', () => {
    expect(changeLines({ state: [null, 'registered'], channel: [null, 'walk_in'], id: [null, 'x'] }, zh, 'registered')).toEqual([]);
    expect(changeLines({ state: ['registered', 'assigned'] }, zh, 'assigned')).toEqual(['状态 → 已分派']);
  });

  it('cuts a long text after 60 characters', () => {
    const [line] = changeLines({ content: ['', '长'.repeat(100)] }, zh);
    expect(line).toBe(`投诉内容 → ${'长'.repeat(60)}…`);
  });
});

describe('every value is in the screen’s language, never as stored', () => {
  // One row per field holding a closed vocabulary: each of its values, in each language.
  const vocabularies: [field: string, values: readonly string[], prefix: string][] = [
    ['state', CASE_STATES, 'state'],
    ['channel', CHANNELS, 'channel'],
    ['severity', SEVERITIES, 'severity'],
    ['satisfaction', SATISFACTIONS, 'satisfaction'],
  ];

  describe.each(vocabularies)('%s', (field, values, prefix) => {
    it.each(LOCALES)('in %s', (locale) => {
      const f = format(locale);
      for (const value of values) {
        const [line] = changeLines({ [field]: [null, value] }, f);
        expect(valueOf(line), `${field} ${value}`).toBe(translate(locale, `${prefix}.${value}`));
        expect(valueOf(line)).not.toBe(value);
      }
    });
  });

  it('the customer’s satisfaction in a Chinese screen (the line that read "客户满意度 → unsatisfied")', () => {
    expect(changeLines({ satisfaction: [null, 'unsatisfied'] }, zh)).toEqual(['客户满意度 → 不满意']);
    expect(changeLines({ satisfaction: [null, 'unsatisfied'] }, en)).toEqual(['Customer satisfaction → Unsatisfied']);
  });

  it.each(RESPONSIBILITIES)('the responsibility %s of a verdict', (responsibility) => {
    for (const locale of LOCALES) {
      const [line] = changeLines({ validity: [null, { valid: true, responsibility, analysis: 'x' }] }, format(locale));
      expect(valueOf(line)).toContain(translate(locale, `responsibility.${responsibility}`));
      if (locale !== 'en') expect(valueOf(line)).not.toMatch(/[A-Za-z]/);
    }
    expect(changeLines({ validity: [null, { valid: false, responsibility, analysis: 'x' }] }, zh)[0]).toMatch(
      /^有效性与责任 → 无效投诉 · /,
    );
  });

  it.each(Object.values(PROFILES).flatMap((p) => p.categories))('the category %s', (category) => {
    for (const locale of LOCALES) {
      const [line] = changeLines({ category: ['x', category] }, format(locale));
      expect(valueOf(line)).toBe(translate(locale, `category.${category}`));
    }
  });

  it('a branch’s own category by the label the branch gave it', () => {
    const own = { ...zh, category: (id: string) => (id === 'c_parking' ? '停车收费' : zh.category(id)) };
    expect(changeLines({ category: ['appraisal', 'c_parking'] }, own)).toEqual(['投诉类别 → 停车收费']);
  });

  it('how the result was told, by its channel', () => {
    expect(changeLines({ resultTold: [null, { at: 1, by: 'c01', method: 'phone' }] }, zh)).toEqual(['告知客户结果 → 电话']);
    expect(changeLines({ resultTold: [null, { at: 1, by: 'c01', method: 'phone' }] }, en)).toEqual(['Result told to the customer → Phone']);
  });

  it('yes and no for a report', () => {
    expect(changeLines({ isReport: [false, true] }, zh)).toEqual(['举报件 → 是']);
    expect(changeLines({ isReport: [true, false] }, en)).toEqual([`${en.t('case.report')} → No`]);
  });

  it('a received time in China time, in the screen’s locale', () => {
    const at = Date.parse('2026-12-01T21:27:00+08:00');
    expect(changeLines({ receivedAt: [0, at] }, zh)).toEqual([`受理时间 → ${chinaTime('zh-CN', at)}`]);
    expect(valueOf(changeLines({ receivedAt: [0, at] }, zh)[0])).toMatch(/^2026\/12\/1 21:27$/);
    expect(valueOf(changeLines({ receivedAt: [0, at] }, en)[0])).toMatch(/^12\/1\/26, 9:27\sPM$/);
  });

  it('a field the timeline has no label for is named in the screen’s language, its value left out', () => {
    expect(changeLines({ somethingNew: [null, 'raw_value'] }, zh)).toEqual(['其他内容']);
  });

  it('a value outside its vocabulary (a newer app’s) is shown as stored, never as a catalog key', () => {
    expect(changeLines({ state: [null, 'frozen'], channel: [null, 'fax'] }, zh)).toEqual(['状态 → frozen', '受理渠道 → fax']);
    expect(changeLines({ validity: [null, { valid: true, responsibility: 'weather' }] }, zh)).toEqual([
      '有效性与责任 → 有效投诉 · weather',
    ]);
  });

  it('no English word appears in a Chinese line for any vocabulary value', () => {
    const lines = (<Record<string, [unknown, unknown]>[]>[
      ...CASE_STATES.map((v) => ({ state: [null, v] as [unknown, unknown] })),
      ...CHANNELS.map((v) => ({ channel: [null, v] as [unknown, unknown] })),
      ...SEVERITIES.map((v) => ({ severity: [null, v] as [unknown, unknown] })),
      ...SATISFACTIONS.map((v) => ({ satisfaction: [null, v] as [unknown, unknown] })),
      ...RESPONSIBILITIES.map((v) => ({ validity: [null, { valid: true, responsibility: v }] as [unknown, unknown] })),
      { isReport: [false, true] as [unknown, unknown] },
      { receivedAt: [0, Date.parse('2026-12-01T21:27:00+08:00')] as [unknown, unknown] },
    ]).flatMap((changes) => changeLines(changes, zh));
    for (const line of lines) expect(line).not.toMatch(/[A-Za-z]/);
  });
});

describe('an explanation is labelled by how the case was closed', () => {
  const explained = (event: EventType, f = zh) => changeLines({ closingExplanation: ['', '已当场说明'] }, f, event);

  it('settled at the counter', () => {
    expect(explained('closed_at_counter')).toEqual(['当场处理说明 → 已当场说明']);
    expect(explained('closed_at_counter', en)).toEqual(['Explanation given at the counter → 已当场说明']);
  });

  it('outside the remit', () => {
    expect(explained('marked_invalid')).toEqual(['不属受理范围的说明 → 已当场说明']);
    expect(explained('marked_invalid', en)).toEqual(['Why it is outside the remit → 已当场说明']);
  });
});
