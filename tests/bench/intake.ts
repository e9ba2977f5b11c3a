/**
 * `npm run bench:intake`: a realistic walk-in intake, typed with the keyboard alone into the built
 * browser edition in Debian's Chromium. Prints each figure beside a same-run baseline; the last
 * line is JSON {"keystrokes_beyond_text","pointer_actions","save_ms","cold_start_ms"}.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium, type Page } from 'playwright';
import { build, preview } from 'vite';
import { chromiumLaunchOptions } from '../chromium';

const CONFIG = 'renderer/vite.config.ts';
await build({ configFile: CONFIG, logLevel: 'error' });
mkdirSync('out/web/bench', { recursive: true });
writeFileSync('out/web/bench/blank.html', '<!doctype html><meta charset="utf-8"><title>blank</title><input aria-label="x" autofocus>');
const server = await preview({ configFile: CONFIG, logLevel: 'error', preview: { port: 0, host: '127.0.0.1' } });
const address = server.httpServer.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
const browser = await chromium.launch({ ...chromiumLaunchOptions(), headless: true });

let keystrokesBeyondText = 0;
// The walk-in below never touches the mouse; kept as a figure so a change that needs one shows up.
const pointerActions = 0;
async function press(page: Page, key: string) {
  keystrokesBeyondText++;
  await page.keyboard.press(key);
}

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  // One-off setup, not measured: the branch exists before the counter opens in the morning.
  await page.goto(base);
  await page.getByLabel('网点代码').fill('BJ01');
  await page.getByLabel('网点名称').fill('北京朝阳一店');
  await page.getByLabel('您的工号').fill('c01');
  await page.getByLabel('设置密码').fill('counter-admin-01');
  await page.getByLabel('再次输入密码').fill('counter-admin-01');
  await page.getByRole('button', { name: '保存并开始登记' }).click();
  await page.getByRole('heading', { name: '客户投诉登记' }).waitFor();

  // Cold start: page load to the focused first intake field (the store worker opens meanwhile).
  await page.goto(`${base}/bench/blank.html`);
  await page.waitForFunction(() => document.activeElement?.tagName === 'INPUT');
  const blankMs = await page.evaluate(() => performance.now());
  await page.goto(base);
  await page.waitForFunction(
    () =>
      document.activeElement?.getAttribute('aria-invalid') !== null &&
      document.activeElement?.closest('form')?.getAttribute('aria-labelledby') === 'intake-title',
  );
  const coldStartMs = await page.evaluate(() => performance.now());
  console.log(
    `cold start to the focused first field ${Math.round(coldStartMs)} ms  | baseline: a blank page with an autofocused input ${Math.round(blankMs)} ms`,
  );

  // The customer talks; the clerk types, in the paper form's order.
  const typed = ['王小明', '138 1234 5678', '朝阳区建国路88号', 'DP2026112200017'];
  for (const text of typed) {
    await page.keyboard.type(text);
    await press(page, 'Tab');
  }
  await press(page, 'Tab'); // category stays 鉴定估价
  await press(page, 'Tab'); // severity stays 一般
  await page.keyboard.type('客户反映金饰鉴定估价明显低于市场价，要求重新鉴定并说明依据。');
  const t0 = Date.now();
  await press(page, 'Control+Enter');
  await page.getByTestId('case-no').waitFor();
  const saveMs = Date.now() - t0;
  const roundTrip = await page.evaluate(async () => {
    const t = performance.now();
    await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
    return performance.now() - t;
  });
  console.log(`save (Ctrl+Enter to the case number on screen) ${saveMs} ms  | baseline: one animation frame ${roundTrip.toFixed(1)} ms`);
  console.log(
    `keys beyond the typed text: ${keystrokesBeyondText} (Tab between fields, Ctrl+Enter to save); pointer actions: ${pointerActions}`,
  );
  console.log(
    JSON.stringify({
      keystrokes_beyond_text: keystrokesBeyondText,
      pointer_actions: pointerActions,
      save_ms: saveMs,
      cold_start_ms: Math.round(coldStartMs),
    }),
  );
} finally {
  await browser.close();
  server.httpServer.close();
}
