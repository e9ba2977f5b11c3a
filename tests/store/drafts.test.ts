import { describe, expect, it } from 'vitest';
import { CLERK, configuredHost, intake, SUPERVISOR } from './fixtures';

describe('drafts', () => {
  it('keep whatever was typed until the case is saved from them', async () => {
    const { host } = await configuredHost();
    const draftId = crypto.randomUUID();
    const typed = { complainant: { name: '张<b>三', phone: '1381234' }, content: '还没写完……' };
    expect(await host.call('drafts.save', { draftId, data: typed }, CLERK)).toMatchObject({ ok: true });
    const listed = await host.call('drafts.list', {}, CLERK);
    expect(listed.ok && listed.value.map((d) => d.data)).toEqual([typed]);
    const others = await host.call('drafts.list', {}, SUPERVISOR);
    expect(others.ok && others.value).toEqual([]);
    await host.call('cases.register', { intake: intake(), draftId }, CLERK);
    const after = await host.call('drafts.list', {}, CLERK);
    expect(after.ok && after.value).toEqual([]);
    host.close();
  });
});
