/** Rendering HTML to PDF in Debian's Chromium and reading it back with poppler (pdftotext, pdffonts, pdfinfo). */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright';
import { chromiumLaunchOptions } from '../chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ ...chromiumLaunchOptions(), headless: true });
}

/** Loads the document into the page and prints it as the desktop edition will: A4, the document's own @page. */
export async function printToPdf(page: Page, html: string): Promise<Buffer> {
  await page.setContent(html, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
}

export function writePdf(path: string, pdf: Buffer): string {
  writeFileSync(path, pdf);
  return path;
}

export function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
}

/** The text of each page (pdftotext separates pages with a form feed). */
export function pdfPageTexts(path: string): string[] {
  return pdfText(path)
    .split('\f')
    .filter((p, i, all) => i < all.length - 1 || p.trim() !== '');
}

export function pdfPageCount(path: string): number {
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
}

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
}

export function pdfFonts(path: string): PdfFont[] {
  const out = execFileSync('pdffonts', [path], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter((l) => l.trim());
  return out.map((line) => {
    // name type… encoding emb sub uni object ID: read the yes/no columns from the right.
    const cols = line.trim().split(/\s+/);
    const emb = cols[cols.length - 5];
    return { name: cols[0]!, type: cols.slice(1, cols.length - 6).join(' '), embedded: emb === 'yes' };
  });
}

/** Text without the spaces and line breaks pdftotext puts between CJK characters and columns. */
export function squeeze(text: string): string {
  return text.replace(/\s+/g, '');
}
