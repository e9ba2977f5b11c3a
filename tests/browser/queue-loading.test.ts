/**
 * The complaint list (renderer/features/queues/QueueScreen.tsx) in real Chromium while the store
 * has not answered its first page yet, as at a start with many cases while the store host loads
 * its read model: the list says it is loading (not "no complaints"), then shows the page. The
 * store is a scripted one; the real host's answers during the load are in tests/store/model-loading.test.ts.
 */
import { createElement as h } from 'react';
import { flushSync } from 'react-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { Branch, Organization, QueuePage, Result, Results, StoreApi } from '../../shared/api/contract';
import { QueueScreen } from '../../renderer/features/queues/QueueScreen';
import { renderScreen, unmountScreen } from './screen';

const BRANCH: Branch = { branchCode: 'BJ01', branchName: '北京一店', profileId: 'pawnshop', phone: '' };
const ORG: Organization = { departments: [], staff: [], customCategories: [], retiredCategories: [] };
const PAGE: QueuePage = {
  offset: 0,
  total: 1,
  items: [
    {
      id: 'c1',
      caseNo: 'BJ01-20260302-0001',
      complainantName: '王小明',
      category: 'appraisal',
      severity: 'general',
      state: 'registered',
      isReport: false,
      businessRef: '',
      assigneeId: '',
      receivedAt: Date.parse('2026-03-02T10:00:00+08:00'),
      nextDueAt: null,
    },
  ],
};

/** A store whose queue pages arrive when the test says (the organization at once). */
function loadingStore() {
  const queries = new Set<(r: Result<QueuePage>) => void>();
  const api: StoreApi = {
    call: async () => ({ ok: false, error: { code: 'internal', key: 'errors.internal', message: 'not scripted' } }),
    subscribe: (method, _params, _envelope, onResult) => {
      if (method === 'org.get') {
        (onResult as (r: Result<Results['org.get']>) => void)({ ok: true, value: ORG });
        return () => {};
      }
      const listener = onResult as (r: Result<QueuePage>) => void;
      queries.add(listener);
      return () => queries.delete(listener);
    },
  };
  return {
    api,
    answer(value: QueuePage) {
      flushSync(() => queries.forEach((l) => l({ ok: true, value })));
    },
  };
}

afterEach(unmountScreen);

describe('the complaint list before its first page', () => {
  it('says the complaints are loading, not that there are none, then shows them with their total', async () => {
    const store = loadingStore();
    await renderScreen(h(QueueScreen, { branch: BRANCH, onOpen: () => {} }), store.api, 'clerk');
    await expect.element(page.getByRole('status')).toHaveTextContent('正在载入投诉列表');
    await expect.element(page.getByRole('table')).toHaveAttribute('aria-busy', 'true');
    expect(document.body.textContent).not.toContain('没有符合条件的投诉');

    store.answer(PAGE);
    await expect.element(page.getByRole('status')).toHaveTextContent('共 1 件');
    await expect.element(page.getByRole('table')).toHaveAttribute('aria-busy', 'false');
    await expect.element(page.getByText('BJ01-20260302-0001')).toBeVisible();
  });

  it('says so in English too', async () => {
    await renderScreen(h(QueueScreen, { branch: BRANCH, onOpen: () => {} }), loadingStore().api, 'clerk', 'en');
    await expect.element(page.getByRole('status')).toHaveTextContent('Loading the complaints');
  });
});
