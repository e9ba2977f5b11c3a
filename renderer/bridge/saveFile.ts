/**
 * Saving a file the store wrote, browser edition: the browser downloads it. The desktop build
 * resolves saveFile.desktop.ts instead, where main shows the system's save dialog.
 */
export type SaveOutcome = 'saved' | 'cancelled';

export async function saveFile(fileName: string, bytes: Uint8Array, type: string): Promise<SaveOutcome> {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return 'saved';
}

export function saveExportFile(fileName: string, bytes: Uint8Array): Promise<SaveOutcome> {
  return saveFile(fileName, bytes, 'application/zip');
}
