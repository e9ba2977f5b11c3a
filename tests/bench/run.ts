/**
 * Runs a benchmark page (tests/bench/<name>.html) in Debian's Chromium through a Vite dev
 * server, relays its lines, and prints its JSON summary as the last line.
 * Usage: tsx tests/bench/run.ts store [--cases=N]
 */
import { chromium } from 'playwright';
import { createServer } from 'vite';
import { chromiumLaunchOptions } from '../chromium';

const name = process.argv[2] ?? 'store';
const query = process.argv
  .slice(3)
  .filter((a) => a.startsWith('--'))
  .map((a) => a.slice(2))
  .join('&');

const server = await createServer({
  root: process.cwd(),
  logLevel: 'error',
  server: { port: 0, host: '127.0.0.1', hmr: false, watch: null },
});
await server.listen();
const address = server.httpServer?.address();
const port = typeof address === 'object' && address ? address.port : 0;
const browser = await chromium.launch({ ...chromiumLaunchOptions(), headless: true });
let exitCode = 0;
try {
  const page = await browser.newPage();
  const done = new Promise<string>((resolve) => {
    void page.exposeFunction('benchDone', resolve);
  });
  await page.exposeFunction('benchLog', (line: string) => console.log(line));
  // The page's JS heap after a full GC, in MB: what the store host holds, measured by difference.
  const cdp = await page.context().newCDPSession(page);
  await page.exposeFunction('benchHeapMb', async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize / 1e6;
  });
  // Typed arrays' memory lies outside the JS heap: reported beside it, so that moving data there is seen.
  await page.exposeFunction('benchBuffersMb', async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const usage = (await cdp.send('Runtime.getHeapUsage')) as { backingStorageSize?: number };
    return (usage.backingStorageSize ?? Number.NaN) / 1e6;
  });
  page.on('pageerror', (e) => console.error('page error:', e));
  // The page starts working while it loads; its end is signalled through benchDone, not the load event.
  await page.goto(`http://127.0.0.1:${port}/tests/bench/${name}.html${query ? `?${query}` : ''}`, { waitUntil: 'commit' });
  const json = await done;
  if (JSON.parse(json).error) {
    console.error(JSON.parse(json).error);
    exitCode = 1;
  } else {
    console.log(json);
  }
} finally {
  await browser.close();
  await server.close();
}
process.exit(exitCode);
