import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './app/App';
import { connectStore } from './bridge/transport';
import { i18n } from './i18n';

const api = connectStore();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <App api={api} />
    </I18nextProvider>
  </StrictMode>,
);
