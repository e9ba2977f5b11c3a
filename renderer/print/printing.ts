import type { Branch, CaseDetail, Organization, PrintMode, PrintRecord, Result, StoreApi, Envelope } from '../../shared/api/contract';
import type { DesktopPrintRequest } from '../../shared/api/desktopBridge';
import type { DeadlinePolicy } from '../../shared/deadlines';
import { renderDocumentWithInfo, type DocumentKind, type RenderedDocument } from '../../shared/forms';
import type { Locale } from '../../shared/i18n/translate';
import { desktopBridge } from '../bridge/desktop';
import { browserFontSource } from './fonts';

/** Everything a document is printed from, as the screens hold it. */
export interface PrintSource {
  detail: Pick<CaseDetail, 'case' | 'events' | 'clocks'>;
  branch: Branch;
  organization: Organization;
  policy?: DeadlinePolicy;
  language: Locale;
}

function printRequest(document: DocumentKind, source: PrintSource, copies: number, silent: boolean): DesktopPrintRequest {
  const { detail, branch, organization, policy, language } = source;
  return {
    document,
    language,
    copies,
    silent,
    detail: { case: detail.case, events: detail.events, clocks: detail.clocks },
    branch: printBranch(branch),
    organization: printOrganization(organization),
    ...(policy ? { policy } : {}),
  };
}

/** What the documents print of the organization: staff names instead of bare ids, the branch's category labels. */
function printOrganization(organization: Organization) {
  return { staff: organization.staff, customCategories: organization.customCategories };
}

function printBranch(branch: Branch) {
  return { branchCode: branch.branchCode, branchName: branch.branchName, ...(branch.phone ? { phone: branch.phone } : {}) };
}

/** The document's HTML for the preview (the same renderer main prints with), and the characters no bundled font has. */
export function renderPreview(document: DocumentKind, source: PrintSource): Promise<RenderedDocument> {
  const { detail, branch, organization, policy, language } = source;
  return renderDocumentWithInfo(document, {
    detail,
    language,
    now: Date.now(),
    fonts: browserFontSource,
    branch: printBranch(branch),
    organization: printOrganization(organization),
    ...(policy ? { policy } : {}),
  });
}

export type PrintOutcome = { printed: true; record: PrintRecord } | { printed: false; message?: string };

export const isDesktop = () => desktopBridge() !== null;

/**
 * Prints a document and logs it with the case. Desktop: main renders and prints it (silently to the
 * chosen printer, or through the system dialog) and answers its PDF, kept with the case. Browser
 * edition: the preview frame's own print dialog, where "Save as PDF" makes the PDF.
 */
export async function printDocument(args: {
  document: DocumentKind;
  source: PrintSource;
  copies: number;
  silent: boolean;
  frame: HTMLIFrameElement | null;
  api: StoreApi;
  envelope: Envelope;
}): Promise<PrintOutcome> {
  const { document, source, copies, silent, frame, api, envelope } = args;
  const bridge = desktopBridge();
  let mode: PrintMode = 'browser';
  let pdf: Uint8Array<ArrayBuffer> | undefined;
  if (bridge) {
    const r = await bridge.print.document(printRequest(document, source, copies, silent));
    if (!r.ok) return { printed: false, message: r.message };
    if (!r.printed) return { printed: false };
    mode = silent ? 'silent' : 'dialog';
    pdf = new Uint8Array(r.pdf);
  } else {
    if (!frame?.contentWindow) return { printed: false };
    frame.contentWindow.focus();
    frame.contentWindow.print();
  }
  const logged: Result<PrintRecord> = await api.call(
    'prints.record',
    {
      caseId: source.detail.case.id,
      document,
      language: source.language,
      mode,
      copies,
      ...(pdf ? { pdf } : {}),
    },
    envelope,
  );
  return logged.ok ? { printed: true, record: logged.value } : { printed: false, message: logged.error.message };
}
