/**
 * Web Worker entry of the browser edition (docs/architecture.md, "Processes"): the same store host as the
 * desktop's hidden window, answering the page over the worker's own message channel. Requests
 * that arrive while the database opens are buffered; if it cannot open, every request is
 * answered with an internal error carrying the reason.
 *
 * With no main process, this host also runs the head-office sync over the worker's `fetch` and
 * keeps the enrolment (secret included) in its database (docs/sync-protocol.md says so).
 */
import type { PortLike } from '../../shared/api/portClient';
import { version } from '../../package.json';
import { createStoreHost } from './host';
import { serveWhenReady } from './portServer';

// The page is a UI connection; with no main process, it logs its own dialog prints (without a PDF).
serveWhenReady(
  createStoreHost({
    dbName: 'countersign',
    uiMayLogBrowserPrints: true,
    sync: { fetch: (url, init) => fetch(url, init as RequestInit), appVersion: version },
    // This host holds the secret and signs the export file itself.
    export: { appVersion: version },
  }),
  self as unknown as PortLike,
  { caller: 'ui' },
);
