/**
 * The IPC handlers, one a preload method (electron/preload/index.ts). Every one first checks that
 * the message comes from a UI window's top frame on app://ui/ (isTrustedSender); other senders
 * are ignored (send) or refused (invoke).
 */
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import type { Result, SyncStatus } from '../../shared/api/contract';
import {
  CHANNELS,
  type DesktopPrintResult,
  type DesktopReportPdfResult,
  type PrinterInfo,
  type Settings,
} from '../../shared/api/desktopBridge';
import type { PortBroker } from './ports';
import { isTrustedSender } from './security';
import type { SettingsService } from './settings';

export class UntrustedSenderError extends Error {
  constructor(channel: string) {
    super(`${channel}: refused a message from an untrusted frame`);
    this.name = 'UntrustedSenderError';
  }
}

function trusted(channel: string, event: IpcMainEvent | IpcMainInvokeEvent): void {
  if (!isTrustedSender(event)) throw new UntrustedSenderError(channel);
}

export interface IpcDeps {
  broker: Pick<PortBroker, 'connect'>;
  settings: Pick<SettingsService, 'get' | 'set'>;
  /** Prints a case the UI names by id (printing.ts); the request is validated there, never trusted. */
  printer: { print(request: unknown): Promise<DesktopPrintResult>; report(request: unknown): Promise<DesktopReportPdfResult> };
  /** The printers of this PC, as the asking window's web contents knows them. */
  printers(sender: IpcMainInvokeEvent['sender']): Promise<PrinterInfo[]>;
  /** Enrolment with head office (sync.ts): the request is validated there; main keeps the secret. */
  sync: { enrol(request: unknown): Promise<Result<SyncStatus>> };
  /** Export files (exportFile.ts): main signs for the store window, saves for a UI window. */
  exportFiles: { sign(canonical: unknown): Promise<string>; save(request: unknown): Promise<boolean> };
  /** Whether a message comes from the store window's own page (app://store/, its top frame). */
  isStoreWindow(event: IpcMainInvokeEvent): boolean;
}

export function registerIpc(ipcMain: Pick<IpcMain, 'on' | 'handle'>, deps: IpcDeps): void {
  ipcMain.on(CHANNELS.requestStorePort, (event) => {
    if (!isTrustedSender(event)) {
      console.warn(`${CHANNELS.requestStorePort}: ignored a request from an untrusted frame`);
      return;
    }
    deps.broker.connect(event.sender);
  });
  ipcMain.handle(CHANNELS.settingsGet, (event): Settings => {
    trusted(CHANNELS.settingsGet, event);
    return deps.settings.get();
  });
  ipcMain.handle(CHANNELS.settingsSet, (event, patch: unknown): Settings => {
    trusted(CHANNELS.settingsSet, event);
    return deps.settings.set(patch);
  });
  ipcMain.handle(CHANNELS.printDocument, (event, request: unknown): Promise<DesktopPrintResult> => {
    trusted(CHANNELS.printDocument, event);
    return deps.printer.print(request);
  });
  ipcMain.handle(CHANNELS.printReport, (event, request: unknown): Promise<DesktopReportPdfResult> => {
    trusted(CHANNELS.printReport, event);
    return deps.printer.report(request);
  });
  ipcMain.handle(CHANNELS.printers, (event): Promise<PrinterInfo[]> => {
    trusted(CHANNELS.printers, event);
    return deps.printers(event.sender);
  });
  ipcMain.handle(CHANNELS.syncEnrol, (event, request: unknown): Promise<Result<SyncStatus>> => {
    trusted(CHANNELS.syncEnrol, event);
    return deps.sync.enrol(request);
  });
  ipcMain.handle(CHANNELS.exportSave, (event, request: unknown): Promise<boolean> => {
    trusted(CHANNELS.exportSave, event);
    return deps.exportFiles.save(request);
  });
  // Only the store window asks main to sign: a UI window never gets a signature.
  ipcMain.handle(CHANNELS.exportSign, (event, canonical: unknown): Promise<string> => {
    if (!deps.isStoreWindow(event)) throw new UntrustedSenderError(CHANNELS.exportSign);
    return deps.exportFiles.sign(canonical);
  });
}
