/**
 * `npm run bench:print`: the registration form (客户投诉登记表) of a realistic case rendered to PDF in
 * Debian's Chromium, N times after a warm-up, alternating with a plain one-page HTML document as
 * the same-run baseline. Prints medians and p95 per figure; the last line is JSON
 * {"form_pdf_ms","baseline_pdf_ms",…} (form_pdf_ms: median of HTML render + setContent + pdf).
 * BENCH_N sets the number of rounds (default 30).
 */
import { renderDocumentWithInfo, type DocumentInput } from '../../shared/forms';
import { archivedCase, BRANCH, detailOf, ORGANIZATION, register } from '../forms/fixtures';
import { nodeFontSource } from '../../electron/main/fonts';
import { launchChromium } from '../forms/pdf';
import { percentile, round } from './stats';

const N = Number(process.env.BENCH_N ?? 30);
const WARM_UP = 5;
const PDF_OPTIONS = { format: 'A4', preferCSSPageSize: true, printBackground: true } as const;

/** The same-run baseline: a plain one-page document (Latin text, the host's default font, no web fonts). */
const BASELINE_HTML =
  '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>baseline</title>' +
  '<style>@page{size:A4;margin:15mm}body{font-family:sans-serif}</style></head>' +
  '<body><h1>Baseline</h1><p>One page of plain text, no web fonts.</p></body></html>';

/** For comparison: one Chinese paragraph in the host's CJK font (Noto Sans CJK, a 20 MB collection, subset at print). */
const HOST_CJK_HTML =
  '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>host font</title>' +
  '<style>@page{size:A4;margin:15mm}body{font-family:sans-serif}</style></head>' +
  '<body><h1>客户投诉登记表</h1><p>客户反映鉴定估价明显偏低，要求重新鉴定并说明依据。</p></body></html>';

const fonts = nodeFontSource();
const handled = detailOf(archivedCase());
const fresh = detailOf(register());
const input = (detail: DocumentInput['detail'], source = fonts): DocumentInput => ({
  detail,
  branch: BRANCH,
  organization: ORGANIZATION,
  language: 'zh-CN',
  now: detail.case.updatedAt,
  fonts: source,
});

const browser = await launchChromium();
try {
  const page = await browser.newPage();
  const figures: Record<string, number[]> = {
    form: [],
    render: [],
    setContent: [],
    pdf: [],
    baseline: [],
    intakeForm: [],
    coldRender: [],
    hostCjk: [],
  };
  let htmlBytes = 0;
  let fontFiles = 0;
  let pages = 0;

  async function formToPdf(detail: DocumentInput['detail'], record: boolean): Promise<number> {
    const t0 = performance.now();
    const rendered = await renderDocumentWithInfo('registration', input(detail));
    const t1 = performance.now();
    await page.setContent(rendered.html, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const t2 = performance.now();
    const pdf = await page.pdf(PDF_OPTIONS);
    const t3 = performance.now();
    if (record) {
      figures.render!.push(t1 - t0);
      figures.setContent!.push(t2 - t1);
      figures.pdf!.push(t3 - t2);
      htmlBytes = rendered.html.length;
      fontFiles = rendered.fontFiles;
      pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    }
    return t3 - t0;
  }

  async function plainToPdf(html = BASELINE_HTML): Promise<number> {
    const t0 = performance.now();
    await page.setContent(html, { waitUntil: 'load' });
    await page.pdf(PDF_OPTIONS);
    return performance.now() - t0;
  }

  for (let i = 0; i < WARM_UP; i++) {
    await formToPdf(handled, false);
    await plainToPdf();
  }
  for (let i = 0; i < N; i++) {
    figures.form!.push(await formToPdf(handled, true));
    figures.baseline!.push(await plainToPdf());
    figures.hostCjk!.push(await plainToPdf(HOST_CJK_HTML));
    const t0 = performance.now();
    await formToPdf(fresh, false);
    figures.intakeForm!.push(performance.now() - t0);
  }
  // A print right after the app starts: every font file read from disk and encoded again.
  for (let i = 0; i < Math.min(N, 10); i++) {
    const t0 = performance.now();
    await renderDocumentWithInfo('registration', input(handled, nodeFontSource()));
    figures.coldRender!.push(performance.now() - t0);
  }

  const show = (name: string, samples: number[]) =>
    console.log(
      `${name.padEnd(58)} median ${round(percentile(samples, 50)).toFixed(1).padStart(7)} ms   p95 ${round(percentile(samples, 95)).toFixed(1).padStart(7)} ms`,
    );
  console.log(
    `registration form of a fully handled case: ${pages} page${pages === 1 ? '' : 's'}, ${Math.round(htmlBytes / 1024)} KB of HTML, ${fontFiles} font subset files inlined; ${N} rounds after ${WARM_UP} warm-up`,
  );
  show('form → PDF (render HTML + setContent + pdf)', figures.form!);
  show('  render HTML (fonts cached)', figures.render!);
  show('  page.setContent (+ document.fonts.ready)', figures.setContent!);
  show('  page.pdf', figures.pdf!);
  show('form of a case just registered → PDF (1 page)', figures.intakeForm!);
  show('render HTML with a cold font cache (files read + base64)', figures.coldRender!);
  show('baseline: plain one-page HTML → PDF (same run, alternating)', figures.baseline!);
  show('for comparison: a Chinese paragraph in the host CJK font → PDF', figures.hostCjk!);
  const formMs = round(percentile(figures.form!, 50));
  const baselineMs = round(percentile(figures.baseline!, 50));
  console.log(`form / baseline: ${(formMs / baselineMs).toFixed(2)}×   target form_pdf_ms ≤ 300: ${formMs <= 300 ? 'met' : 'NOT met'}`);
  console.log(
    JSON.stringify({
      form_pdf_ms: formMs,
      baseline_pdf_ms: baselineMs,
      form_pdf_p95_ms: round(percentile(figures.form!, 95)),
      intake_form_pdf_ms: round(percentile(figures.intakeForm!, 50)),
      render_ms: round(percentile(figures.render!, 50)),
      cold_render_ms: round(percentile(figures.coldRender!, 50)),
      html_kb: Math.round(htmlBytes / 1024),
      font_files: fontFiles,
      pages,
      host_cjk_pdf_ms: round(percentile(figures.hostCjk!, 50)),
    }),
  );
} finally {
  await browser.close();
}
