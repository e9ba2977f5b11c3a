/**
 * Printing in main (DESIGN.md "Printing"): the document is rendered here from the case the UI
 * sends (shared/forms, fonts read from the bundled packages), loaded into a hidden window that
 * runs no script (app://print/<token>.html, served from memory), saved as PDF (printToPDF, the
 * copy kept with the case) and printed: silently to the printer chosen in the settings with the
 * number of copies, or through the system dialog.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { DesktopPrintRequest, DesktopPrintResult, PrinterInfo } from '../../shared/api/desktopBridge';
import { MAX_COPIES } from '../../shared/api/contract';
import { DOCUMENT_KINDS, renderDocument, type FontSource } from '../../shared/forms';
import { LOCALES, translate } from '../../shared/i18n/translate';

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

const anyObject = z.record(z.string(), z.unknown());

/** The shape checked before rendering; the values themselves are escaped by shared/forms. */
const requestSchema = z.object({
  document: z.enum(DOCUMENT_KINDS),
  detail: z.object({ case: anyObject, events: z.array(anyObject), clocks: z.array(anyObject) }),
  branch: z.object({ branchCode: z.string().max(20), branchName: z.string().max(200), phone: z.string().max(40).optional() }),
  organization: anyObject.optional(),
  policy: anyObject.optional(),
  language: z.enum(LOCALES),
  copies: z.number().int().min(1).max(MAX_COPIES),
  silent: z.boolean(),
});

export interface PrinterDeps {
  openWindow(): PrintWindow;
  /** Documents being printed, served at app://print/<token>.html (electron/main/protocol.ts). */
  pages: Map<string, string>;
  fonts: FontSource;
  /** The printer chosen in the settings ('' = the system default). */
  printerName(): string;
  now(): number;
}

export function createPrinter(deps: PrinterDeps) {
  return {
    async print(request: unknown): Promise<DesktopPrintResult> {
      const parsed = requestSchema.safeParse(request);
      // Answer in the asked language even when the rest of the request is wrong.
      const language = z
        .enum(LOCALES)
        .catch('zh-CN')
        .parse((request as { language?: unknown } | null)?.language);
      if (!parsed.success) return { ok: false, message: translate(language, 'errors.print.request') };
      const job = parsed.data as unknown as DesktopPrintRequest;
      const token = randomUUID();
      let win: PrintWindow | null = null;
      try {
        const html = await renderDocument(job.document, { ...job, now: deps.now(), fonts: deps.fonts });
        deps.pages.set(token, html);
        win = deps.openWindow();
        await win.loadURL(`app://print/${token}.html`);
        const pdf = new Uint8Array(await win.webContents.printToPDF({ preferCSSPageSize: true, printBackground: true }));
        const printer = deps.printerName();
        const options = {
          silent: job.silent,
          copies: job.copies,
          printBackground: true,
          ...(job.silent && printer ? { deviceName: printer } : {}),
        };
        const outcome = await new Promise<{ success: boolean; failureReason: string }>((resolve) => {
          win!.webContents.print(options, (success, failureReason) => resolve({ success, failureReason }));
        });
        return outcome.success ? { ok: true, printed: true, pdf } : { ok: true, printed: false, pdf, failureReason: outcome.failureReason };
      } catch (thrown) {
        console.error('print: failed', thrown);
        return { ok: false, message: translate(language, 'errors.print.failed') };
      } finally {
        deps.pages.delete(token);
        win?.destroy();
      }
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
