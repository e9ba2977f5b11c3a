import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADERS, PATHS } from '../../shared/sync/protocol';
import { startHq, type TestHq } from './fixtures';

// The browser edition's store worker runs on the page's origin: its signed requests are
// cross-origin, so the browser asks head office first (a CORS preflight) and reads answers only
// when head office allows it.
describe('HQ and the browser edition (CORS)', () => {
  let hq: TestHq;
  beforeAll(async () => {
    hq = await startHq('PGlite');
  }, 60_000);
  afterAll(() => hq.close());

  it('allows a signed batch from another origin in its preflight', async () => {
    const res = await fetch(hq.url + PATHS.batches, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:4173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': ['content-type', 'content-encoding', ...Object.values(HEADERS)].join(','),
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    const allowed = res.headers.get('access-control-allow-headers')!.split(/,\s*/);
    for (const h of [...Object.values(HEADERS), 'content-encoding']) expect(allowed).toContain(h);
  });

  it('lets the page read answers, refusals included', async () => {
    const health = await fetch(hq.url + PATHS.health, { headers: { origin: 'http://localhost:4173' } });
    expect(health.headers.get('access-control-allow-origin')).toBe('*');
    const refused = await fetch(hq.url + PATHS.batches, {
      method: 'POST',
      headers: { origin: 'http://localhost:4173', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');
  });
});
