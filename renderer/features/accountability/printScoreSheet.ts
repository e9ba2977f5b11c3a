import type { TFunction } from 'i18next';
import type { ScoreSheet } from '../../../shared/accountability/scoreSheet';
import { scoreSheetDocument } from '../../../shared/forms/scoreSheet';

/**
 * Prints the score sheet through the print dialog: the document (shared/forms/scoreSheet.ts) in a
 * hidden frame, printed from there. Not a case's document, so it goes into no case's print log.
 */
export function printScoreSheet(sheet: ScoreSheet, t: TFunction, staff: (staffId: string) => string): void {
  const frame = document.createElement('iframe');
  frame.setAttribute('aria-hidden', 'true');
  frame.style.cssText = 'position:fixed;width:0;height:0;border:0;right:0;bottom:0';
  frame.srcdoc = scoreSheetDocument(sheet, { t: (key, params) => t(key, params ?? {}), staff }, document.documentElement.lang);
  frame.onload = () => {
    frame.contentWindow?.focus();
    frame.contentWindow?.print();
    setTimeout(() => frame.remove(), 60_000);
  };
  document.body.appendChild(frame);
}
