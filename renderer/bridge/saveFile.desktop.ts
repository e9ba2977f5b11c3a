/**
 * Saving a file the store wrote, desktop build (resolved instead of saveFile.ts): main shows the
 * system's save dialog and writes the bytes where the supervisor chose (main checks the name:
 * an export file or a monthly report's spreadsheet or PDF).
 */
import { desktopBridge } from './desktop';

export type SaveOutcome = 'saved' | 'cancelled';

export async function saveFile(fileName: string, bytes: Uint8Array, _type: string): Promise<SaveOutcome> {
  const bridge = desktopBridge();
  if (!bridge) throw new Error('the desktop bridge is missing');
  return (await bridge.files.saveExport({ fileName, bytes })) ? 'saved' : 'cancelled';
}

export function saveExportFile(fileName: string, bytes: Uint8Array): Promise<SaveOutcome> {
  return saveFile(fileName, bytes, 'application/zip');
}
