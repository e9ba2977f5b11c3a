import type { ScoreSheet } from '../accountability/scoreSheet';
import { chinaDateTime } from '../deadlines/calendar';
import { escapeHtml as h, html, joinHtml, type Html } from './escape';

/** What the printed sheet needs besides the sheet: texts in its language, and staff names. */
export interface ScoreSheetPrintContext {
  t: (key: string, params?: Record<string, string | number>) => string;
  /** "李娜 (h01)", or the ID when the organization does not know it. */
  staff: (staffId: string) => string;
}

function table(headings: readonly string[], rows: readonly (readonly (string | number)[])[], numeric: readonly number[]): Html {
  const cell = (v: string | number, i: number) => (numeric.includes(i) ? html`<td class="num">${h(v)}</td>` : html`<td>${h(v)}</td>`);
  return html`<table>
    <thead>
      <tr>
        ${headings.map((x) => html`<th scope="col">${h(x)}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (r) =>
          html`<tr>
            ${r.map(cell)}
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/**
 * The accountability score sheet of a period as a self-contained page (R8.3): totals by staff member
 * and by department, then every record. Every value is escaped (a name typed as markup prints as text).
 * Printed by the screen through the browser's print dialog (the system fonts: no case, no QR code).
 */
export function scoreSheetDocument(sheet: ScoreSheet, ctx: ScoreSheetPrintContext, language: string): string {
  const { t } = ctx;
  const dept = (d: string) => (d === '' ? t('forms.scoreSheet.noDepartment') : d);
  const total = [t('forms.scoreSheet.total'), sheet.total.records, sheet.total.points] as const;
  const body = joinHtml([
    html`<h1>${h(t('forms.scoreSheet.title'))}</h1>`,
    html`<p>${h(t('forms.scoreSheet.period', { from: sheet.from, to: sheet.to }))}</p>`,
    html`<h2>${h(t('forms.scoreSheet.byStaff'))}</h2>`,
    table(
      [t('forms.scoreSheet.staff'), t('forms.scoreSheet.records'), t('forms.scoreSheet.points')],
      [...sheet.staff.map((s) => [ctx.staff(s.staffId), s.records, s.points]), total],
      [1, 2],
    ),
    html`<h2>${h(t('forms.scoreSheet.byDepartment'))}</h2>`,
    table(
      [t('forms.scoreSheet.department'), t('forms.scoreSheet.records'), t('forms.scoreSheet.points')],
      [...sheet.departments.map((d) => [dept(d.department), d.records, d.points]), total],
      [1, 2],
    ),
    html`<h2>${h(t('forms.scoreSheet.lines'))}</h2>`,
    sheet.lines.length === 0
      ? html`<p>${h(t('forms.scoreSheet.empty'))}</p>`
      : table(
          [
            t('forms.scoreSheet.at'),
            t('forms.scoreSheet.caseNo'),
            t('forms.scoreSheet.staff'),
            t('forms.scoreSheet.department'),
            t('forms.scoreSheet.kind'),
            t('forms.scoreSheet.measure'),
            t('forms.scoreSheet.points'),
            t('forms.scoreSheet.status'),
          ],
          sheet.lines.map((l) => [
            chinaDateTime(l.at),
            l.caseNo,
            ctx.staff(l.staffId),
            dept(l.department),
            t(`accountability.kind.${l.kind}`),
            t(`accountability.measure.${l.measure}`),
            l.points,
            t(`forms.scoreSheet.status.${l.appeal}`),
          ]),
          [6],
        ),
  ]);
  return `<!doctype html><html lang="${h(language)}"><head><meta charset="utf-8"><title>${h(t('forms.scoreSheet.title'))}</title><style>
@page { size: A4; margin: 15mm; }
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", sans-serif; font-size: 10.5pt; color: #000; }
h1 { font-size: 16pt; text-align: center; } h2 { font-size: 12pt; margin-top: 1.2em; }
table { border-collapse: collapse; width: 100%; } th, td { border: 0.5pt solid #000; padding: 2pt 4pt; text-align: left; }
td.num { text-align: right; } thead { display: table-header-group; } tr { break-inside: avoid; }
</style></head><body>${body}</body></html>`;
}
