/**
 * What main, the preloads and the renderer's desktop bridge agree on (docs/architecture.md, "Processes"):
 * the IPC channel names, the machine settings' shape, the bridge the UI preload exposes as
 * `window.countersign`, and what of the branch and organization a document prints (main prints
 * with it, the screens' preview shows it). No Electron, Node or DOM, so every layer may import it.
 */
import type { DocumentKind, PrintBranch, PrintOrganization } from '../forms/context';
import type { Branch, Organization, PrintMode, PrintRecord, Result, SyncStatus } from './contract';
import type { Locale } from '../i18n/translate';
import type { MonthReportSummary } from '../reports/data';

export const CHANNELS = {
  /** UI → main (send): give this window a MessagePort to the store host. */
  requestStorePort: 'store:request-port',
  /** main → UI and main → store window (postMessage with one port): a store connection. */
  storePort: 'store-port',
  /** main → store window: the UI end of a connection is gone; stop serving it. */
  storePortClosed: 'store-port-closed',
  /**
   * main → store window (postMessage with one port): main's own connection, served as main's.
   * Only main can send IPC to the store window, so arriving on this channel is the proof.
   */
  mainStorePort: 'store-main-port',
  /** UI → main (invoke): the machine settings. */
  settingsGet: 'settings:get',
  /** UI → main (invoke): change some machine settings; answers the settings after the change. */
  settingsSet: 'settings:set',
  /** UI → main (invoke): render a document of a case, print it and answer its PDF copy. */
  printDocument: 'print:document',
  /** UI → main (invoke): print a monthly report's page to PDF and keep it with the report (docs/monthly-report.md). */
  printReport: 'print:report',
  /** UI → main (invoke): the printers this PC knows. */
  printers: 'print:printers',
  /** UI → main (invoke): enrol this branch with head office; main keeps the secret (safeStorage). */
  syncEnrol: 'sync:enrol',
  /** UI → main (invoke): save an export file where the supervisor chooses (the system's save dialog). */
  exportSave: 'export:save',
  /**
   * Store window → main (invoke): sign an export file's canonical manifest with the branch secret,
   * which only main holds (safeStorage). Main answers only the store window's own page.
   */
  exportSign: 'export:sign',
} as const;

/** An export file the UI asks main to save (electron/main/exportFile.ts checks it). */
export interface DesktopSaveExportRequest {
  fileName: string;
  bytes: Uint8Array;
}

/** What the store window's preload exposes as `window.countersignStore`: main's signing of export files. */
export interface StoreWindowBridge {
  signExport(canonicalManifest: string): Promise<string>;
}

/** How main prints: through the system dialog, or straight to the printer chosen in the settings (or the default). */
export const DESKTOP_PRINT_MODES = ['dialog', 'silent'] as const satisfies readonly PrintMode[];
export type DesktopPrintMode = (typeof DESKTOP_PRINT_MODES)[number];

/**
 * What the UI asks main to print: which case (by id only: main reads the case, the branch, the
 * organization and the deadline policy from the store itself) and how.
 */
export interface DesktopPrintRequest {
  caseId: string;
  document: DocumentKind;
  language: Locale;
  copies: number;
  mode: DesktopPrintMode;
  /**
   * The session token of the person printing: main asks the store with it, so the store host
   * decides who prints (the print log's "by") and whether they may read the case.
   */
  token: string;
}

/** A monthly report the UI asks main to print to PDF: which (by id: main reads it from the store), with the session token of who asks. */
export interface DesktopReportPdfRequest {
  reportId: string;
  token: string;
}

/** The report with its PDF kept (pdfBytes > 0), or the translated reason it could not be made. */
export type DesktopReportPdfResult = { ok: true; report: MonthReportSummary } | { ok: false; message: string };

/** printed: main printed the document and logged it with its PDF copy; not printed: the dialog was cancelled. */
export type DesktopPrintResult =
  { ok: true; printed: true; record: PrintRecord } | { ok: true; printed: false; failureReason?: string } | { ok: false; message: string };

/** What a document prints of the branch. */
export function printedBranch(branch: Branch): PrintBranch {
  return { branchCode: branch.branchCode, branchName: branch.branchName, ...(branch.phone ? { phone: branch.phone } : {}) };
}

/** What a document prints of the organization: staff names instead of bare ids, the branch's category labels. */
export function printedOrganization(organization: Organization): PrintOrganization {
  return { staff: organization.staff, customCategories: organization.customCategories };
}

export interface PrinterInfo {
  name: string;
  displayName: string;
  isDefault: boolean;
}

/**
 * The enrolment code as a supervisor typed or scanned it (shared/sync/enrolment.ts), with the
 * session token of who asks. Main hands the address and branch to the store host under that token
 * (the host derives the person and checks the role) and keeps the secret itself, encrypted with Electron's safeStorage: it never reaches the
 * store host, IndexedDB or a screen.
 */
export interface DesktopEnrolRequest {
  code: string;
  token: string;
  locale?: Locale;
}

/** Where and how big the main window was, remembered between runs. */
export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

/**
 * Machine settings (electron-store): what belongs to this computer rather than to the data. The
 * screen language of the desktop edition lives here only: main reads it for its own messages and
 * the screens load it at start and save it when the clerk changes it (the browser edition, which
 * has no main, keeps it in the page's localStorage instead).
 */
export interface Settings {
  language: Locale;
  /** Where the data lives ('' = the default folder under the user's application data). */
  dataFolder: string;
  /** The printer's name ('' = the system default). */
  printer: string;
  windowBounds: WindowBounds | null;
}

/** The settings a UI window may change; the data folder and window bounds belong to main. */
export const UI_SETTABLE = ['language', 'printer'] as const;
export type SettingsPatch = Partial<Pick<Settings, (typeof UI_SETTABLE)[number]>>;

/** `window.countersign` in a desktop UI window, method by method (no generic invoke). */
export interface CountersignBridge {
  readonly edition: 'desktop';
  /** Asks main for a store port; it arrives as a window 'message' event with data 'store-port'. */
  requestStorePort(): void;
  readonly settings: {
    get(): Promise<Settings>;
    set(patch: SettingsPatch): Promise<Settings>;
  };
  readonly print: {
    document(request: DesktopPrintRequest): Promise<DesktopPrintResult>;
    printers(): Promise<PrinterInfo[]>;
    /** Main renders the report's page, prints it to PDF (printToPDF) and keeps the PDF with the report. */
    report(request: DesktopReportPdfRequest): Promise<DesktopReportPdfResult>;
  };
  readonly sync: {
    /**
     * Desktop enrolment (the browser edition calls the store's 'sync.enrol' instead). Answers the
     * sync status after enrolment, or the translated reason it was refused (a malformed code:
     * errors.enrolment.*; not a supervisor: forbidden; safeStorage unavailable: errors.enrolment.keychain).
     */
    enrol(request: DesktopEnrolRequest): Promise<Result<SyncStatus>>;
  };
  readonly files: {
    /** Shows the save dialog and writes the export file; false when the supervisor cancelled. */
    saveExport(request: DesktopSaveExportRequest): Promise<boolean>;
  };
}
