/** Renders one screen module in the test page, inside the screens' i18n and a given store (as the App shell provides them). */
import { createElement as h, type ReactElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { page } from 'vitest/browser';
import type { Envelope, StoreApi } from '../../shared/api/contract';
import type { Role } from '../../shared/domain/enums';
import { StoreContext } from '../../renderer/app/store';
import { i18n } from '../../renderer/i18n';

let root: Root | null = null;

export async function renderScreen(element: ReactElement, api: StoreApi, role: Role, locale: 'zh-CN' | 'en' = 'zh-CN') {
  await i18n.changeLanguage(locale);
  await page.viewport(1000, 480);
  // The screens show who is signed in; the store (here a scripted one) decides what the token may do.
  const envelope: Envelope = { token: `test-session-${role}`, locale };
  const person = { staffId: 's01', name: '测试', role, expiresAt: Number.MAX_SAFE_INTEGER };
  root = createRoot(document.body.appendChild(document.createElement('div')));
  flushSync(() => root!.render(h(I18nextProvider, { i18n }, h(StoreContext.Provider, { value: { api, envelope, person } }, element))));
}

export function unmountScreen() {
  root?.unmount();
  root = null;
  document.body.innerHTML = '';
}
