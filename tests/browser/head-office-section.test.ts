/**
 * The settings' Head office section (renderer/features/settings/HeadOfficeSection.tsx) in real
 * Chromium, the store replaced by a scripted one (a unit test of this one module; the real store
 * host enrols in tests/e2e/sync.spec.ts). Pictures of each state go to screenshots/sync/.
 */
import { createElement as h } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { ApiError, Result, StoreApi, SyncStatus } from '../../shared/api/contract';
import { HeadOfficeSection } from '../../renderer/features/settings/HeadOfficeSection';
import { renderScreen, unmountScreen } from './screen';

const NOT_ENROLLED: SyncStatus = {
  enrolled: false,
  hqUrl: null,
  branch: null,
  waiting: 0,
  lastSuccessAt: null,
  lastAttemptAt: null,
  nextAttemptAt: null,
  lastError: null,
  sending: null,
};
const ENROLLED: SyncStatus = { ...NOT_ENROLLED, enrolled: true, hqUrl: 'https://hq.example.cn', branch: 'BJ01' };
const CODE = 'countersign://enrol?hq=https%3A%2F%2Fhq.example.cn&branch=BJ01&secret=c2VjcmV0LWZvci1lMmUtdGVzdHMtb25seS0zMi1ieXQ';

/** A store whose 'sync.enrol' answers `answer` (and then reports the status it carries); records the codes sent. */
function scriptedStore(status: SyncStatus, answer: Result<SyncStatus>) {
  const sent: unknown[] = [];
  let push: ((r: Result<SyncStatus>) => void) | null = null;
  const api: StoreApi = {
    call: async (method, params) => {
      if (method !== 'sync.enrol') throw new Error(`unexpected ${method}`);
      sent.push(params);
      if (answer.ok) push?.(answer);
      return answer as never;
    },
    subscribe: (_method, _params, _envelope, onResult) => {
      push = onResult as typeof push;
      push!({ ok: true, value: status });
      return () => (push = null);
    },
  };
  return { api, sent };
}

const refusal = (error: Partial<ApiError>): Result<SyncStatus> => ({
  ok: false,
  error: { code: 'invalid_input', key: 'x', message: '', ...error },
});
const picture = (name: string) => page.screenshot({ path: `../../screenshots/sync/${name}.png` });
const codeField = () => page.getByLabelText('注册码');

afterEach(unmountScreen);

describe('Head office in the settings', () => {
  it('a supervisor pastes the code and presses Enter; once enrolled it shows where to and how the secret is kept', async () => {
    const store = scriptedStore(NOT_ENROLLED, { ok: true, value: ENROLLED });
    await renderScreen(h(HeadOfficeSection), store.api, 'supervisor');
    await expect.element(page.getByText('本网点尚未在总部注册。')).toBeVisible();
    await expect.element(page.getByRole('button', { name: '在总部注册' })).toBeDisabled();
    await picture('zh-CN-settings-not-enrolled');
    await userEvent.fill(codeField(), `  ${CODE} `);
    await userEvent.keyboard('{Enter}');
    expect(store.sent).toEqual([{ code: `  ${CODE} ` }]);
    await expect.element(page.getByRole('status')).toHaveTextContent('已在总部注册');
    await expect.element(codeField()).toHaveValue('');
    const shown = page
      .getByRole('definition')
      .elements()
      .map((el) => el.textContent);
    expect(shown).toEqual(['https://hq.example.cn', 'BJ01', expect.stringContaining('保存在本浏览器为本应用保留的存储中')]);
    await expect.element(page.getByRole('button', { name: '重新注册' })).toBeInTheDocument();
    await picture('zh-CN-settings-enrolled');
  });

  it('a refused code: the store’s message under the field, the field marked invalid; typing clears it', async () => {
    const message = '注册码中的总部地址必须是 https';
    const store = scriptedStore(
      NOT_ENROLLED,
      refusal({ message: '输入有误', issues: [{ path: 'code', key: 'errors.enrolment.address', message }] }),
    );
    await renderScreen(h(HeadOfficeSection), store.api, 'admin');
    await userEvent.fill(codeField(), 'countersign://enrol?hq=http://hq.example.cn');
    await page.getByRole('button', { name: '在总部注册' }).click();
    await expect.element(codeField()).toHaveAttribute('aria-invalid', 'true');
    await expect.element(codeField()).toHaveAccessibleDescription(message);
    expect(page.getByRole('alert').elements()).toHaveLength(0);
    await picture('zh-CN-settings-refused');
    await userEvent.type(codeField(), 'x');
    await expect.element(codeField()).toHaveAttribute('aria-invalid', 'false');
  });

  it('a refusal not about the code (not allowed, no secure storage) is said above the form', async () => {
    const store = scriptedStore(NOT_ENROLLED, refusal({ code: 'forbidden', message: '只有主管可以注册' }));
    await renderScreen(h(HeadOfficeSection), store.api, 'supervisor');
    await userEvent.fill(codeField(), CODE);
    await page.getByRole('button', { name: '在总部注册' }).click();
    await expect.element(page.getByRole('alert')).toHaveTextContent('只有主管可以注册');
  });

  it('in English', async () => {
    const store = scriptedStore(ENROLLED, { ok: true, value: ENROLLED });
    await renderScreen(h(HeadOfficeSection), store.api, 'supervisor', 'en');
    await expect.element(page.getByRole('button', { name: 'Enrol again' })).toBeInTheDocument();
    await expect.element(page.getByText(/Kept in this browser's storage for the app/)).toBeVisible();
    await picture('en-settings-enrolled');
  });

  it('is not there for a clerk', async () => {
    const store = scriptedStore(ENROLLED, { ok: true, value: ENROLLED });
    await renderScreen(h(HeadOfficeSection), store.api, 'clerk');
    expect(document.body.textContent).toBe('');
  });
});
