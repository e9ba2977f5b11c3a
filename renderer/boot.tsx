import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import type { StoreApi } from '../shared/api/contract';
import { isLocale } from '../shared/i18n/translate';
import { App } from './app/App';
import { loadLanguage, saveLanguage } from './bridge/language';
import { i18n } from './i18n';

/** Renders the app on the store connection main.tsx opened. */
export function boot(api: StoreApi): void {
  // The screen language has one home per edition (bridge/language*.ts): read before the first paint, saved on each change.
  void loadLanguage()
    .then((locale) => i18n.changeLanguage(locale))
    .finally(() => {
      i18n.on('languageChanged', (locale) => {
        if (isLocale(locale)) saveLanguage(locale);
      });
      createRoot(document.getElementById('root')!).render(
        <StrictMode>
          <I18nextProvider i18n={i18n}>
            <App api={api} />
          </I18nextProvider>
        </StrictMode>,
      );
    });
}
