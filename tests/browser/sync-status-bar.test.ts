/**
 * The app bar's head-office sync item (renderer/app/SyncStatus.tsx) in real Chromium, with the
 * store replaced by a scripted one (a unit test of this one module: the words come from
 * syncWords.ts, tested in tests/renderer/sync-status.test.ts; the real store host is in
 * tests/e2e/sync.spec.ts). It also leaves a picture of each state in screenshots/sync/ to look at.
 */
import { AppBar, Toolbar, Typography } from '@mui/material';
import { createElement as h } from 'react';
import { flushSync } from 'react-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { Method, Result, Results, StoreApi, SyncStatus as Status } from '../../shared/api/contract';
import type { Role } from '../../shared/domain/enums';
import { SyncStatus } from '../../renderer/app/SyncStatus';
import { syncStatusOf } from '../renderer/fixtures';
import { renderScreen, unmountScreen } from './screen';

const AT = Date.parse('2026-11-23T10:42:00+08:00');

const ENROLLED: Status = syncStatusOf();

/** A store that answers 'sync.status' with what the test pushes, and records 'sync.now'. */
function scriptedStore(first: Status) {
  let current = first;
  const listeners = new Set<(r: Result<Status>) => void>();
  const calls: Method[] = [];
  const api: StoreApi = {
    call: async (method) => {
      calls.push(method);
      return { ok: true, value: current } as Result<Results[typeof method]>;
    },
    subscribe: (_method, _params, _envelope, onResult) => {
      const listener = onResult as (r: Result<Status>) => void;
      listeners.add(listener);
      listener({ ok: true, value: current });
      return () => listeners.delete(listener);
    },
  };
  return {
    api,
    calls,
    push(next: Status) {
      current = next;
      flushSync(() => listeners.forEach((l) => l({ ok: true, value: next })));
    },
  };
}

afterEach(unmountScreen);

async function show(status: Status, role: Role = 'supervisor', locale: 'zh-CN' | 'en' = 'zh-CN') {
  const store = scriptedStore(status);
  await renderScreen(
    h(
      AppBar,
      { position: 'static', color: 'default', elevation: 1 },
      h(
        Toolbar,
        { sx: { gap: 2 } },
        h(Typography, { variant: 'h6' }, '北京朝阳一店 · Countersign'),
        h(SyncStatus, { now: () => AT + 3 * 60_000 }),
      ),
    ),
    store.api,
    role,
    locale,
  );
  return store;
}

const picture = (name: string) => page.screenshot({ path: `../../screenshots/sync/${name}.png` });
const item = () => page.getByRole('button', { name: /^(总部同步|Head office sync)：?:? ?/ });

describe('the app bar’s sync item', () => {
  it('says where sync stands and follows the live status', async () => {
    const store = await show({ ...ENROLLED, enrolled: false, hqUrl: null, branch: null });
    await expect.element(item()).toHaveAccessibleName('总部同步：未连接总部');
    await picture('zh-CN-not-connected');
    store.push({ ...ENROLLED, lastSuccessAt: AT });
    await expect.element(item()).toHaveAccessibleName(/^总部同步：已与总部同步 /);
    await picture('zh-CN-synced');
    store.push({ ...ENROLLED, waiting: 12, lastError: { code: 'clock_skew', at: AT, status: 401, skewMs: 9 * 60_000 }, nextAttemptAt: AT });
    await expect.element(item()).toHaveAccessibleName(/^总部同步：12 件待发送 · 总部拒收：本机时钟快了 9 分钟，.+ 重试$/);
    await picture('zh-CN-clock-skew');
  });

  it('a backlog going out shows a determinate progress bar with its name; a few cases do not', async () => {
    const store = await show({ ...ENROLLED, waiting: 12, sending: { sent: 5, total: 12 } });
    const bar = page.getByRole('progressbar', { name: '发送到总部的进度' });
    await expect.element(bar).toHaveAttribute('aria-valuenow', '42');
    await expect.element(item()).toHaveAccessibleName('总部同步：正在发送到总部 5/12');
    await picture('zh-CN-sending');
    store.push({ ...ENROLLED, waiting: 3, sending: { sent: 0, total: 3 } });
    await expect.element(item()).toHaveAccessibleName('总部同步：正在发送到总部 0/3');
    expect(document.querySelector('[role="progressbar"]')).toBeNull();
  });

  it('a supervisor opens the details from the keyboard and syncs now', async () => {
    const store = await show({ ...ENROLLED, waiting: 2, lastError: { code: 'network', at: AT }, nextAttemptAt: AT + 5 * 60_000 });
    // The item first (the scripted store answers on a later turn), then the key that reaches it.
    await expect.element(item()).toHaveAccessibleName(/^总部同步：2 件待发送 · 无法连接总部/);
    await userEvent.tab();
    await expect.element(item()).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    const details = page.getByRole('dialog', { name: '总部同步' });
    await expect.element(details).toBeVisible();
    await expect.element(details.getByText('https://hq.example.cn')).toBeVisible();
    await picture('zh-CN-details');
    await details.getByRole('button', { name: '立即同步' }).click();
    expect(store.calls).toEqual(['sync.now']);
  });

  it('a clerk sees the details but no "Sync now"', async () => {
    await show({ ...ENROLLED, waiting: 2 }, 'clerk');
    await item().click();
    await expect.element(page.getByRole('dialog', { name: '总部同步' })).toBeVisible();
    expect(page.getByRole('button', { name: '立即同步' }).elements()).toHaveLength(0);
  });

  it('in English', async () => {
    const store = await show(
      { ...ENROLLED, waiting: 12, lastError: { code: 'network', at: AT }, nextAttemptAt: AT + 5 * 60_000 },
      'admin',
      'en',
    );
    await expect.element(item()).toHaveAccessibleName(/^Head office sync: 12 cases waiting · Head office unreachable, retrying at /);
    await picture('en-waiting-network');
    store.push({ ...ENROLLED, waiting: 40, sending: { sent: 30, total: 40 } });
    await expect.element(page.getByRole('progressbar', { name: 'Progress sending to head office' })).toHaveAttribute('aria-valuenow', '75');
    await picture('en-sending');
    store.push({ ...ENROLLED, lastError: { code: 'unknown_branch', at: AT, status: 401 } });
    await expect.element(item()).toHaveAccessibleName('Head office sync: Head office does not know this branch: enrol it again');
    await item().click();
    await expect.element(page.getByRole('dialog', { name: 'Head office sync' })).toBeVisible();
    await picture('en-details-unknown-branch');
  });
});
