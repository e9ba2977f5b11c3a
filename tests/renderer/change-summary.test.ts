import { describe, expect, it } from 'vitest';
import { translate } from '../../shared/i18n/translate';
import { ui } from '../../renderer/i18n/ui';
import { changeLines } from '../../renderer/features/case/changeSummary';

const zh = (key: string) => (ui['zh-CN'] as Record<string, string>)[key] ?? translate('zh-CN', key);

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

  it('cuts a long text after 60 characters', () => {
    const [line] = changeLines({ content: ['', '长'.repeat(100)] }, zh);
    expect(line).toBe(`投诉内容 → ${'长'.repeat(60)}…`);
  });
});
