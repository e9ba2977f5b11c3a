/**
 * What main, the preloads and the renderer's desktop bridge agree on (DESIGN.md "Processes"):
 * the IPC channel names, the machine settings' shape and the bridge the UI preload exposes as
 * `window.countersign`. Types and constants only, so every layer may import it.
 */
import type { DeadlinePolicy } from '../deadlines';
import type { ProfileId } from '../domain/enums';
import type { DocumentKind, PrintBranch, PrintOrganization } from '../forms/context';
import type { CaseDetail } from './contract';
import type { Locale } from '../i18n/translate';

export const CHANNELS = {
  /** UI → main (send): give this window a MessagePort to the store host. */
  requestStorePort: 'store:request-port',
  /** main → UI and main → store window (postMessage with one port): a store connection. */
  storePort: 'store-port',
  /** main → store window: the UI end of a connection is gone; stop serving it. */
  storePortClosed: 'store-port-closed',
  /** UI → main (invoke): the machine settings. */
  settingsGet: 'settings:get',
  /** UI → main (invoke): change some machine settings; answers the settings after the change. */
  settingsSet: 'settings:set',
  /** UI → main (invoke): render a document of a case, print it and answer its PDF copy. */
  printDocument: 'print:document',
  /** UI → main (invoke): the printers this PC knows. */
  printers: 'print:printers',
} as const;

/** What the UI asks main to print: the case as `cases.get` answered it, and how to print. */
export interface DesktopPrintRequest {
  document: DocumentKind;
  detail: Pick<CaseDetail, 'case' | 'events' | 'clocks'>;
  branch: PrintBranch;
  organization?: PrintOrganization;
  policy?: DeadlinePolicy;
  language: Locale;
  copies: number;
  /** true: straight to the printer chosen in the settings (or the default); false: the system dialog. */
  silent: boolean;
}

export type DesktopPrintResult = { ok: true; printed: boolean; pdf: Uint8Array; failureReason?: string } | { ok: false; message: string };

export interface PrinterInfo {
  name: string;
  displayName: string;
  isDefault: boolean;
}

/** Where and how big the main window was, remembered between runs. */
export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

/** Machine settings (electron-store): what belongs to this computer rather than to the data. */
export interface Settings {
  /** The branch's code ('' until the first-run setup). */
  branchCode: string;
  branchName: string;
  /** The business profile (which categories and deadlines apply). */
  profile: ProfileId;
  language: Locale;
  /** Where the data lives ('' = the default folder under the user's application data). */
  dataFolder: string;
  /** The printer's name ('' = the system default). */
  printer: string;
  /** The head office receiver (https://…, '' = no sync). */
  hqUrl: string;
  windowBounds: WindowBounds | null;
}

/** The settings a UI window may change; the data folder and window bounds belong to main. */
export const UI_SETTABLE = ['branchCode', 'branchName', 'profile', 'language', 'printer', 'hqUrl'] as const;
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
  };
}
