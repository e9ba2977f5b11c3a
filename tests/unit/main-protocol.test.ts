/**
 * The app:// protocol (electron/main/protocol.ts): files inside a host's folder only (path
 * traversal, encoded or not, refused), the strict CSP on every response, GET/HEAD only.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));
const { createAppHandler, installAppProtocol, registerAppScheme, resolveAppPath } = await import('../../electron/main/protocol');
const { CSP } = await import('../../electron/main/security');

const temp = mkdtempSync(join(tmpdir(), 'countersign-protocol-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const web = join(temp, 'web');
const store = join(temp, 'electron', 'store');
mkdirSync(join(web, 'assets'), { recursive: true });
mkdirSync(store, { recursive: true });
writeFileSync(join(web, 'index.html'), '<!doctype html><title>ui</title>');
writeFileSync(join(web, 'assets', 'index.js'), 'console.log(1)');
writeFileSync(join(store, 'window.html'), '<!doctype html><title>store</title>');
writeFileSync(join(temp, 'secret.txt'), 'secret');
const roots = { ui: web, store };

describe('resolveAppPath', () => {
  it('maps app://<host>/<path> into the host’s folder; a folder means its index.html', () => {
    expect(resolveAppPath('app://ui/index.html', roots)).toBe(join(web, 'index.html'));
    expect(resolveAppPath('app://ui/', roots)).toBe(join(web, 'index.html'));
    expect(resolveAppPath('app://ui', roots)).toBe(join(web, 'index.html'));
    expect(resolveAppPath('app://ui/assets/index.js?v=1#x', roots)).toBe(join(web, 'assets', 'index.js'));
    expect(resolveAppPath('app://store/window.html', roots)).toBe(join(store, 'window.html'));
  });

  it('refuses path traversal, other hosts and other schemes', () => {
    const refused = [
      'app://ui/%2E%2E%2Fsecret.txt',
      'app://ui/..%2f..%2fsecret.txt',
      'app://ui/..%5csecret.txt',
      'app://ui/%00index.html',
      'app://ui/%E0%A4%A', // bad percent-encoding
      'app://store/..%2f..%2f..%2fweb/index.html',
      'app://other/index.html',
      'app://constructor/index.html',
      'file:///etc/passwd',
      'https://ui/index.html',
      'not a url',
    ];
    for (const url of refused) expect(resolveAppPath(url, roots), url).toBeNull();
    // WHATWG URL parsing folds ../ and %2e%2e/ segments before we see them: the path stays inside.
    expect(resolveAppPath('app://ui/../secret.txt', roots)).toBe(join(web, 'secret.txt'));
    expect(resolveAppPath('app://ui/assets/%2e%2e/%2e%2e/secret.txt', roots)).toBe(join(web, 'secret.txt'));
    expect(resolveAppPath('app://ui/assets/../index.html', roots)).toBe(join(web, 'index.html'));
  });
});

describe('app:// handler', () => {
  const handle = createAppHandler(roots);

  it('serves files with their type and the host’s strict CSP', async () => {
    const page = await handle(new Request('app://ui/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CSP.ui);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>ui</title>');

    const script = await handle(new Request('app://ui/assets/index.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');

    const storePage = await handle(new Request('app://store/window.html'));
    expect(storePage.headers.get('content-security-policy')).toBe(CSP.store);
  });

  it('answers 404 for traversal, unknown hosts and missing files, 405 for other methods', async () => {
    expect((await handle(new Request('app://ui/%2e%2e/secret.txt'))).status).toBe(404);
    expect((await handle(new Request('app://ui/..%2fsecret.txt'))).status).toBe(404);
    expect((await handle(new Request('app://nope/index.html'))).status).toBe(404);
    expect((await handle(new Request('app://ui/missing.js'))).status).toBe(404);
    expect((await handle(new Request('app://ui/assets'))).status).toBe(404); // a folder is not a file
    expect((await handle(new Request('app://ui/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });

  it('registers app:// as standard and secure, never bypassing CSP, and handles it', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() };
    registerAppScheme(protocol);
    const [[schemes]] = protocol.registerSchemesAsPrivileged.mock.calls as [[{ scheme: string; privileges: Record<string, boolean> }[]]];
    expect(schemes).toEqual([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
    expect(schemes[0]!.privileges.bypassCSP).toBeUndefined();
    installAppProtocol(protocol, roots, new Map());
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });
});
