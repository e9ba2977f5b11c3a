/**
 * The UI bridge (sandboxed preload, built as CommonJS into out/electron/preload/index.cjs):
 * `window.countersign`, written out method by method. No ipcRenderer, no generic invoke.
 *
 * The store port follows the MessagePorts guide: main posts it to this preload, which passes it
 * on to the page with window.postMessage (a MessagePort cannot cross contextBridge).
 */
import { contextBridge, ipcRenderer } from 'electron';
import {
  CHANNELS,
  type CountersignBridge,
  type DesktopEnrolRequest,
  type DesktopPrintRequest,
  type DesktopPrintResult,
  type DesktopReportPdfRequest,
  type DesktopReportPdfResult,
  type DesktopSaveExportRequest,
  type PrinterInfo,
  type Settings,
  type SettingsPatch,
} from '../../shared/api/desktopBridge';
import type { Result, SyncStatus } from '../../shared/api/contract';

ipcRenderer.on(CHANNELS.storePort, (event) => {
  window.postMessage(CHANNELS.storePort, '*', event.ports);
});

export const bridge: CountersignBridge = Object.freeze({
  edition: 'desktop' as const,
  requestStorePort(): void {
    ipcRenderer.send(CHANNELS.requestStorePort);
  },
  settings: Object.freeze({
    get(): Promise<Settings> {
      return ipcRenderer.invoke(CHANNELS.settingsGet) as Promise<Settings>;
    },
    set(patch: SettingsPatch): Promise<Settings> {
      return ipcRenderer.invoke(CHANNELS.settingsSet, patch) as Promise<Settings>;
    },
  }),
  print: Object.freeze({
    document(request: DesktopPrintRequest): Promise<DesktopPrintResult> {
      return ipcRenderer.invoke(CHANNELS.printDocument, request) as Promise<DesktopPrintResult>;
    },
    printers(): Promise<PrinterInfo[]> {
      return ipcRenderer.invoke(CHANNELS.printers) as Promise<PrinterInfo[]>;
    },
    report(request: DesktopReportPdfRequest): Promise<DesktopReportPdfResult> {
      return ipcRenderer.invoke(CHANNELS.printReport, request) as Promise<DesktopReportPdfResult>;
    },
  }),
  sync: Object.freeze({
    enrol(request: DesktopEnrolRequest): Promise<Result<SyncStatus>> {
      return ipcRenderer.invoke(CHANNELS.syncEnrol, request) as Promise<Result<SyncStatus>>;
    },
  }),
  files: Object.freeze({
    saveExport(request: DesktopSaveExportRequest): Promise<boolean> {
      return ipcRenderer.invoke(CHANNELS.exportSave, request) as Promise<boolean>;
    },
  }),
});

contextBridge.exposeInMainWorld('countersign', bridge);
