/**
 * Saving a file the store wrote, browser edition: the browser downloads it. The desktop build
 * resolves saveFile.desktop.ts instead, where main shows the system's save dialog.
 */
export type SaveOutcome = 'saved' | 'cancelled';

export async function saveExportFile(fileName: string, bytes: Uint8Array): Promise<SaveOutcome> {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return 'saved';
}
