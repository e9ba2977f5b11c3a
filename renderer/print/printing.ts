import type { Branch, CaseDetail, Organization, PrintRecord, Result, StoreApi, Envelope } from '../../shared/api/contract';
import { printedBranch, printedOrganization, type DesktopPrintMode } from '../../shared/api/desktopBridge';
import type { DeadlinePolicy } from '../../shared/deadlines';
import { renderDocumentWithInfo, type DocumentKind, type RenderedDocument } from '../../shared/forms';
import type { Locale } from '../../shared/i18n/translate';
import { desktopBridge } from '../bridge/desktop';
import { browserFontSource } from './fonts';

/** Everything the preview is rendered from, as the screens hold it. */
export interface PrintSource {
  detail: Pick<CaseDetail, 'case' | 'events' | 'clocks'>;
  branch: Branch;
  organization: Organization;
  policy?: DeadlinePolicy;
  language: Locale;
}

/** The document's HTML for the preview (the same renderer main prints with), and the characters no bundled font has. */
export function renderPreview(document: DocumentKind, source: PrintSource): Promise<RenderedDocument> {
  const { detail, branch, organization, policy, language } = source;
  return renderDocumentWithInfo(document, {
    detail,
    language,
    now: Date.now(),
    fonts: browserFontSource,
    branch: printedBranch(branch),
    organization: printedOrganization(organization),
    ...(policy ? { policy } : {}),
  });
}

export type PrintOutcome = { printed: true; record: PrintRecord } | { printed: false; message?: string };

export const isDesktop = () => desktopBridge() !== null;

/**
 * Prints a document of a case and logs it with the case. Desktop: main reads the case from the
 * store itself, renders and prints it (silently to the chosen printer, or through the system
 * dialog) and logs it with its PDF copy; the screens send only the case id. Browser edition: the
 * preview frame's own print dialog (where "Save as PDF" makes a PDF), logged as a 'browser' print.
 */
export async function printDocument(args: {
  document: DocumentKind;
  caseId: string;
  language: Locale;
  copies: number;
  /** Desktop only: how main prints. */
  mode: DesktopPrintMode;
  frame: HTMLIFrameElement | null;
  api: StoreApi;
  envelope: Envelope;
}): Promise<PrintOutcome> {
  const { document, caseId, language, copies, mode, frame, api, envelope } = args;
  const bridge = desktopBridge();
  if (bridge) {
    const r = await bridge.print.document({ caseId, document, language, copies, mode, token: envelope.token ?? '' });
    if (!r.ok) return { printed: false, message: r.message };
    return r.printed ? { printed: true, record: r.record } : { printed: false };
  }
  if (!frame?.contentWindow) return { printed: false };
  frame.contentWindow.focus();
  frame.contentWindow.print();
  const logged: Result<PrintRecord> = await api.call('prints.record', { caseId, document, language, mode: 'browser', copies }, envelope);
  return logged.ok ? { printed: true, record: logged.value } : { printed: false, message: logged.error.message };
}
