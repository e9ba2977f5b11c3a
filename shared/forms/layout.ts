/**
 * The page frame shared by all documents: A4 with the case number, the document's title and
 * "page x / y" in the page margins of EVERY page (CSS page-margin boxes, so long content flows onto
 * continuation pages and each one is identified), the bordered form table of the paper annex, and
 * the building blocks the documents are made of. Every value is escaped here or by the caller.
 */
import { catalogs } from '../i18n/translate';
import type { FormContext } from './context';
import { cssString, escapeHtml, escapeText, html, joinHtml, NO_HTML, type Html } from './escape';
import type { Locale } from '../i18n/translate';
import { documentFonts, type DocumentFonts, type FontSource } from './fonts';
import { qrSvg } from './qr';

export { html, joinHtml, NO_HTML, type Html };

/** A document's own part: its title (also in the page margin) and body HTML. */
export interface DocumentBody {
  title: string;
  body: Html;
}

export const h = escapeHtml;

/** Multi-line user text, line breaks kept. */
export function text(value: string): Html {
  return html`<div class="text">${escapeText(value)}</div>`;
}

/** A label cell (bold, centred: the paper form's left column). */
export function label(value: string): Html {
  return html`<th>${h(value)}</th>`;
}

/** A row of two label/value pairs. */
export function pairRow(a: [string, Html], b: [string, Html]): Html {
  return html`<tr>
    ${label(a[0])}
    <td>${a[1]}</td>
    ${label(b[0])}
    <td>${b[1]}</td>
  </tr>`;
}

/**
 * A full-width row: label, then the value across the other columns. `writingSpaceMm` is the
 * height kept free for handwriting (a blank section) or the minimum height (a filled one).
 */
export function wideRow(name: string, value: Html, writingSpaceMm = 0): Html {
  const style = writingSpaceMm ? html` style="height:${h(writingSpaceMm)}mm"` : NO_HTML;
  // A blank box for handwriting is never split between two pages.
  const rowClass = value === '' ? h('wide blank') : h('wide');
  return html`<tr class="${rowClass}">
    ${label(name)}
    <td colspan="3" ${style}>${value}</td>
  </tr>`;
}

/** A bordered table of four columns (label, value, label, value), like the paper annex. */
export function formTable(rows: readonly Html[], opts: { keepTogether?: boolean } = {}): Html {
  const together = opts.keepTogether ? html` together` : NO_HTML;
  return html`<table class="form${together}">
    <colgroup>
      <col class="label-col" />
      <col />
      <col class="label-col" />
      <col />
    </colgroup>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}

/** Signature lines with a date each, as the bottom row of a form table. */
export function signatureRow(ctx: FormContext, names: readonly string[]): Html {
  const blocks = names.map(
    (name) =>
      html`<div class="sign">
        <div class="sign-line"><strong>${h(name)}</strong><span class="line"></span></div>
        <div class="sign-date">${h(ctx.t('forms.sign.date'))}</div>
      </div>`,
  );
  return html`<tr class="signatures">
    <td colspan="4"><div class="signs">${blocks}</div></td>
  </tr>`;
}

/** A heading between tables (the archive summary's sections). */
export function sectionHeading(title: string): Html {
  return html`<h2>${h(title)}</h2>`;
}

/** A plain table with a header row (timelines, assignments, deadlines); `widths` are CSS lengths like '30%'. */
export function listTable(headers: readonly string[], rows: readonly (readonly Html[])[], widths: readonly string[] = []): Html {
  const cols = headers.map((_, i) => (widths[i] ? html`<col style="width:${h(widths[i])}" />` : html`<col />`));
  const head = html`<thead>
    <tr>
      ${headers.map((x) => html`<th>${h(x)}</th>`)}
    </tr>
  </thead>`;
  const body = rows.map(
    (r) =>
      html`<tr>
        ${r.map((cell) => html`<td>${cell}</td>`)}
      </tr>`,
  );
  return html`<table class="list">
    <colgroup>
      ${cols}
    </colgroup>
    ${head}
    <tbody>
      ${body}
    </tbody>
  </table>`;
}

/** The block above the form: title, QR code of the case number, branch (and who received the case) and NO. */
export function documentHeader(ctx: FormContext, title: string, opts: { receivedBy?: boolean } = {}): Html {
  const { record } = ctx;
  const branch = ctx.aside(ctx.input.branch.branchName, ctx.input.branch.branchCode);
  const qr = qrSvg(record.caseNo, 22, ctx.fill('forms.qrLabel', { caseNo: record.caseNo }));
  const receivedBy = opts.receivedBy
    ? html`<span class="gap"></span>${h(ctx.labelled(ctx.t('forms.field.receivedBy'), ctx.staff(record.receivedBy)))}`
    : NO_HTML;
  return html`<header class="doc-header">
    <div class="qr-box">${qr}</div>
    <h1>${h(title)}</h1>
    <div class="meta">
      <span>${h(ctx.labelled(ctx.t('forms.field.branch'), branch))}${receivedBy}</span
      ><span class="case-no">${h(ctx.fill('forms.header.caseNo', { caseNo: record.caseNo }))}</span>
    </div>
  </header>`;
}

/** `第 {{page}} / {{pages}} 页` → `"第 " counter(page) " / " counter(pages) " 页"`. */
function pageNumberContent(template: string): string {
  return template
    .split(/(\{\{\s*pages?\s*\}\})/)
    .filter((part) => part !== '')
    .map((part) => {
      const counter = /^\{\{\s*(pages?)\s*\}\}$/.exec(part)?.[1];
      return counter ? `counter(${counter})` : cssString(part);
    })
    .join(' ');
}

export interface MarginTexts {
  topLeft: string;
  topRight: string;
  bottomLeft: string;
}

function marginTexts(ctx: FormContext, title: string): MarginTexts {
  return {
    topLeft: `${title} · ${ctx.input.branch.branchName}`,
    topRight: ctx.fill('forms.header.caseNo', { caseNo: ctx.record.caseNo }),
    bottomLeft: ctx.fill('forms.printedAt', { time: ctx.dateTime(ctx.input.now) }),
  };
}

function pageCss(language: Locale, margins: MarginTexts, fontFamily: string): string {
  const margin = `font-family:${fontFamily};font-size:8.5pt;font-weight:400;color:#333;`;
  const pageNumber = pageNumberContent(catalogs[language]['forms.page.number'] ?? '{{page}} / {{pages}}');
  return `
@page{size:A4;margin:14mm 15mm 14mm 15mm;
  @top-left{content:${cssString(margins.topLeft)};${margin}vertical-align:bottom;padding-bottom:2mm}
  @top-right{content:${cssString(margins.topRight)};${margin}vertical-align:bottom;padding-bottom:2mm}
  @bottom-left{content:${cssString(margins.bottomLeft)};${margin}vertical-align:top;padding-top:2mm}
  @bottom-center{content:${pageNumber};${margin}vertical-align:top;padding-top:2mm}
}
html{font-family:${fontFamily};font-size:10.5pt;line-height:1.55;color:#000;-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0}
h1{font-size:20pt;font-weight:700;text-align:center;letter-spacing:.25em;margin:1mm 0 4mm;line-height:1.3}
:lang(en) h1{letter-spacing:0;font-size:16pt;margin-top:3mm}
h2{font-size:12pt;font-weight:700;margin:4mm 0 2mm;break-after:avoid}
.doc-header{position:relative;min-height:22mm}
.qr-box{position:absolute;right:0;top:-2mm;line-height:0}
.doc-header h1{margin-right:26mm;margin-left:26mm}
.meta{display:flex;justify-content:space-between;align-items:flex-end;gap:4mm;font-size:10pt;margin:0 0 2mm;padding-right:26mm}
.case-no{font-weight:400;white-space:nowrap;font-size:11pt}
table{width:100%;border-collapse:collapse;table-layout:fixed}
table.form{border:1.2pt solid #000}
table.form th,table.form td{border:.6pt solid #000;padding:1.6mm 2mm;vertical-align:top;overflow-wrap:anywhere}
table.form th{font-weight:700;text-align:center;vertical-align:middle;line-height:1.35}
col.label-col{width:30mm}
:lang(en) table.form th{font-size:9.5pt}
table.form tr.wide>td{padding:2mm 3mm}
table.list{margin:0 0 3mm}
table.list th,table.list td{border:.6pt solid #000;padding:1.2mm 1.8mm;vertical-align:top;overflow-wrap:anywhere;font-size:9.5pt;line-height:1.45}
table.list th{font-weight:700;text-align:center}
table.list thead{display:table-header-group}
table.list tr{break-inside:avoid}
.text{white-space:pre-wrap;overflow-wrap:anywhere}
.entry{margin:0 0 1.2mm;font-size:9.5pt;line-height:1.45}
.entry:last-child{margin-bottom:0}
.entry-meta{font-size:8.5pt;color:#333}
.hash{font-size:8pt;letter-spacing:.02em}
tr.blank,table.together{break-inside:avoid}
.gap{display:inline-block;width:1.5em}
.signatures td{padding:2mm 3mm 1.5mm}
.signs{display:flex;gap:6mm}
.sign{flex:1}
.sign-line{display:flex;align-items:flex-end;gap:1.5mm;height:10mm}
.sign-line strong{white-space:nowrap}
.line{flex:1;border-bottom:.6pt solid #000;height:0;margin-bottom:1mm}
.sign-date{text-align:right;padding-top:1.5mm;font-size:9.5pt}
tr.signatures{break-inside:avoid}
.note{font-size:9.5pt;margin:2mm 0 0}
.lead{font-size:11pt;margin:0 0 3mm}
.big-no{font-size:14pt;font-weight:700;white-space:nowrap}
.box{border:1.2pt solid #000;padding:3mm 4mm;margin:0 0 4mm}
.stamp{display:flex;justify-content:flex-end;gap:10mm;margin-top:8mm}
`;
}

/** Bold text (titles, labels) and everything else, so the right weight of each subset is embedded. */
export function textRuns(html: string): { regular: string; bold: string } {
  const bold: string[] = [];
  const regular = html.replace(/<(h1|h2|th|strong)\b[^>]*>([\s\S]*?)<\/\1>/g, (_, _tag: string, inner: string) => {
    bold.push(inner);
    return ' ';
  });
  return { regular, bold: bold.join(' ') };
}

/** The whole self-contained HTML document: fonts chosen for its own characters, inlined. */
export function renderPage(ctx: FormContext, doc: DocumentBody): Promise<{ html: string; fonts: DocumentFonts }> {
  return renderFramedPage(
    { language: ctx.language, fonts: ctx.input.fonts },
    doc,
    marginTexts(ctx, doc.title),
    `${doc.title} ${ctx.record.caseNo}`,
  );
}

/**
 * A document that is not of one case (the monthly report): the same page frame, with the margin
 * texts its builder chooses and the page title of the browser tab.
 */
export async function renderFramedPage(
  page: { language: Locale; fonts: FontSource },
  doc: DocumentBody,
  margins: MarginTexts,
  pageTitle: string,
): Promise<{ html: string; fonts: DocumentFonts }> {
  const { language } = page;
  const runs = textRuns(doc.body);
  const regular = `${runs.regular} ${margins.topLeft} ${margins.topRight} ${margins.bottomLeft} ${catalogs[language]['forms.page.number'] ?? ''} 0123456789/`;
  const fonts = await documentFonts(page.fonts, language, { regular, bold: `${runs.bold} ${doc.title}` });
  // The style sheet is built from constants, fonts as base64 and margin texts through cssString.
  const style = `${fonts.css}\n${pageCss(language, margins, fonts.fontFamily)}` as Html;
  const out = html`<!DOCTYPE html>
    <html lang="${h(language)}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width" />
        <title>${h(pageTitle)}</title>
        <style>
          ${style}
        </style>
      </head>
      <body>
        ${doc.body}
      </body>
    </html>`;
  return { html: out, fonts };
}
