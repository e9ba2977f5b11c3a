/**
 * Printing in main (docs/architecture.md, "Printing"): the UI names a case by id and how to print it; main
 * reads the case, the branch, the organization and the deadline policy from the store through its
 * own connection (never from the UI), renders the document here (shared/forms, fonts read from the
 * bundled packages), loads it into a hidden window that runs no script (app://print/<token>.html,
 * served from memory), saves it as PDF (printToPDF), prints it (silently to the printer chosen in
 * the settings with the number of copies, or through the system dialog) and logs the print with
 * its PDF copy (prints.record, which only main's connection may call).
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  DESKTOP_PRINT_MODES,
  printedBranch,
  printedOrganization,
  type DesktopPrintResult,
  type DesktopReportPdfResult,
  type PrinterInfo,
} from '../../shared/api/desktopBridge';
import { renderMonthlyReport } from '../../shared/forms/monthlyReport';
import { MAX_COPIES, type Envelope, type StoreApi } from '../../shared/api/contract';
import { sessionToken } from '../../shared/api/auth';
import { rowId } from '../../shared/domain/text';
import { DOCUMENT_KINDS, renderDocument, type FontSource } from '../../shared/forms';
import { LOCALES, translate, type Locale } from '../../shared/i18n/translate';

/** The parts of a BrowserWindow printing uses (replaced in tests). */
export interface PrintWindow {
  loadURL(url: string): Promise<void>;
  destroy(): void;
  webContents: {
    printToPDF(options: { preferCSSPageSize: boolean; printBackground: boolean }): Promise<Uint8Array>;
    print(
      options: { silent: boolean; deviceName?: string; copies: number; printBackground: boolean },
      callback: (success: boolean, failureReason: string) => void,
    ): void;
  };
}

/** A UI's print request: a case id and how to print, nothing else (strict: case data sent along is refused). */
const requestSchema = z
  .object({
    caseId: rowId,
    document: z.enum(DOCUMENT_KINDS),
    language: z.enum(LOCALES),
    copies: z.number().int().min(1).max(MAX_COPIES),
    mode: z.enum(DESKTOP_PRINT_MODES),
    token: sessionToken,
  })
  .strict();

/** A UI's request for a monthly report's PDF: the report's id and who asks, nothing else. */
const reportRequestSchema = z.object({ reportId: rowId, token: sessionToken }).strict();

export interface PrinterDeps {
  openWindow(): PrintWindow;
  /** Documents being printed, served at app://print/<token>.html (electron/main/protocol.ts). */
  pages: Map<string, string>;
  fonts: FontSource;
  /** The printer chosen in the settings ('' = the system default). */
  printerName(): string;
  /** The screens' language (the settings'), for the messages answered to the UI. */
  locale(): Locale;
  /** Main's own connection to the store host. */
  store: StoreApi;
  now(): number;
}

export function createPrinter(deps: PrinterDeps) {
  /** Loads `html` into a hidden window that runs no script and prints it to PDF. */
  async function pdfOf(html: string): Promise<Uint8Array<ArrayBuffer>> {
    const token = randomUUID();
    let win: PrintWindow | null = null;
    try {
      deps.pages.set(token, html);
      win = deps.openWindow();
      await win.loadURL(`app://print/${token}.html`);
      return new Uint8Array(await win.webContents.printToPDF({ preferCSSPageSize: true, printBackground: true }));
    } finally {
      deps.pages.delete(token);
      win?.destroy();
    }
  }

  return {
    /**
     * A monthly report's PDF (docs/monthly-report.md): main reads the report from the store, renders
     * its page in the report's language, prints it to PDF and keeps it with the report
     * ('reports.attachPdf', main's only), so head office receives it with the sync.
     */
    async report(request: unknown): Promise<DesktopReportPdfResult> {
      const locale = deps.locale();
      const parsed = reportRequestSchema.safeParse(request);
      if (!parsed.success) return { ok: false, message: translate(locale, 'errors.print.request') };
      const envelope: Envelope = { token: parsed.data.token, locale };
      const read = await deps.store.call('reports.get', { reportId: parsed.data.reportId }, envelope);
      if (!read.ok) return { ok: false, message: read.error.message };
      let pdf: Uint8Array<ArrayBuffer>;
      try {
        const { html } = await renderMonthlyReport({
          data: read.value.data,
          language: read.value.report.language,
          version: read.value.report.version,
          now: deps.now(),
          fonts: deps.fonts,
        });
        pdf = await pdfOf(html);
      } catch (thrown) {
        console.error('print: the report failed', thrown);
        return { ok: false, message: translate(locale, 'errors.print.failed') };
      }
      const kept = await deps.store.call('reports.attachPdf', { reportId: parsed.data.reportId, pdf }, envelope);
      return kept.ok ? { ok: true, report: kept.value } : { ok: false, message: kept.error.message };
    },
    async print(request: unknown): Promise<DesktopPrintResult> {
      const locale = deps.locale();
      const parsed = requestSchema.safeParse(request);
      if (!parsed.success) return { ok: false, message: translate(locale, 'errors.print.request') };
      const job = parsed.data;
      const envelope: Envelope = { token: job.token, locale };
      const [detail, branch, organization, deadlines] = await Promise.all([
        deps.store.call('cases.get', { caseId: job.caseId }, envelope),
        deps.store.call('branch.get', {}, envelope),
        deps.store.call('org.get', {}, envelope),
        deps.store.call('deadlines.get', {}, envelope),
      ]);
      if (!detail.ok) return { ok: false, message: detail.error.message };
      if (!branch.ok) return { ok: false, message: branch.error.message };
      if (!organization.ok) return { ok: false, message: organization.error.message };
      if (!deadlines.ok) return { ok: false, message: deadlines.error.message };
      if (!branch.value) return { ok: false, message: translate(locale, 'errors.branch.notConfigured') };

      const token = randomUUID();
      let win: PrintWindow | null = null;
      let pdf: Uint8Array<ArrayBuffer>;
      let outcome: { success: boolean; failureReason: string };
      try {
        const html = await renderDocument(job.document, {
          detail: detail.value,
          branch: printedBranch(branch.value),
          organization: printedOrganization(organization.value),
          policy: deadlines.value.policy,
          language: job.language,
          now: deps.now(),
          fonts: deps.fonts,
        });
        deps.pages.set(token, html);
        win = deps.openWindow();
        await win.loadURL(`app://print/${token}.html`);
        pdf = new Uint8Array(await win.webContents.printToPDF({ preferCSSPageSize: true, printBackground: true }));
        const silent = job.mode === 'silent';
        const printer = deps.printerName();
        const options = { silent, copies: job.copies, printBackground: true, ...(silent && printer ? { deviceName: printer } : {}) };
        outcome = await new Promise<{ success: boolean; failureReason: string }>((resolve) => {
          win!.webContents.print(options, (success, failureReason) => resolve({ success, failureReason }));
        });
      } catch (thrown) {
        console.error('print: failed', thrown);
        return { ok: false, message: translate(locale, 'errors.print.failed') };
      } finally {
        deps.pages.delete(token);
        win?.destroy();
      }
      if (!outcome.success) return { ok: true, printed: false, failureReason: outcome.failureReason };
      const { caseId, document, language, copies, mode } = job;
      const logged = await deps.store.call('prints.record', { caseId, document, language, mode, copies, pdf }, envelope);
      return logged.ok ? { ok: true, printed: true, record: logged.value } : { ok: false, message: logged.error.message };
    },
  };
}

/** The printers Chromium knows on this PC, for the settings' printer choice. */
export async function listPrinters(contents: {
  getPrintersAsync(): Promise<{ name: string; displayName: string; isDefault?: boolean }[]>;
}): Promise<PrinterInfo[]> {
  const printers = await contents.getPrintersAsync();
  return printers.map((p) => ({ name: p.name, displayName: p.displayName || p.name, isDefault: p.isDefault === true }));
}
