import type { CreatedMonthReport } from '../../../shared/api/contract';
import { renderMonthlyReport } from '../../../shared/forms/monthlyReport';
import { browserFontSource } from '../../print/fonts';

/** The report's printable page, from its data (the renderer the desktop's main would print with), in the report's language. */
export async function reportPageHtml(made: CreatedMonthReport): Promise<string> {
  const { html } = await renderMonthlyReport({
    data: made.data,
    language: made.report.language,
    version: made.report.version,
    now: Date.now(),
    fonts: browserFontSource,
  });
  return html;
}
