/**
 * The app:// protocol (security checklist 18: no file://). app://ui/ serves the screens,
 * app://store/ the hidden store window's page, app://print/<token>.html a document being printed
 * (held in memory while it prints); every response carries the strict CSP of its host.
 * Anything outside those folders (path traversal, encoded or not), another host, or a method
 * other than GET/HEAD is refused.
 */
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Protocol } from 'electron';
import { CSP } from './security';

export const APP_SCHEME = 'app';

/** Before `app.ready`: app:// is standard (origins, relative URLs) and secure (IndexedDB, no mixed content). Not bypassCSP. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/**
 * The file an app:// URL names inside its host's folder, or null when it names none: unknown
 * host, another scheme, a NUL byte, a backslash, bad percent-encoding, or a path that resolves
 * outside the folder. A folder ('/' or '…/') names its index.html.
 */
export function resolveAppPath(url: string, roots: Readonly<Record<string, string>>): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || !Object.hasOwn(roots, parsed.hostname)) return null;
  const root = resolve(roots[parsed.hostname]!);
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  if (!path.startsWith('/')) path = `/${path}`;
  if (path.endsWith('/')) path += 'index.html';
  const file = resolve(root, `.${path}`);
  const inside = relative(root, file);
  if (!inside || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return null;
  return file;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

function refuse(status: number): Response {
  return new Response(null, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

/** Documents being printed, by one-time token (electron/main/printing.ts puts and removes them). */
export type PrintPages = Pick<Map<string, string>, 'get'>;

const PRINT_PAGE = /^\/([0-9a-f-]{36})\.html$/;

function printPage(request: Request, pages: PrintPages): Response {
  const token = PRINT_PAGE.exec(new URL(request.url).pathname)?.[1];
  const html = token ? pages.get(token) : undefined;
  if (html === undefined) return refuse(404);
  const headers = { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': CSP.print, ...SECURITY_HEADERS };
  return new Response(request.method === 'HEAD' ? null : html, { status: 200, headers });
}

/** The request handler of app://, testable without Electron (`readFile` is injectable). */
export function createAppHandler(
  roots: Readonly<Record<string, string>>,
  read: (file: string) => Promise<Uint8Array> = readFile,
  pages: PrintPages = new Map(),
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405);
    if (URL.canParse(request.url) && new URL(request.url).hostname === 'print') return printPage(request, pages);
    const file = resolveAppPath(request.url, roots);
    if (!file) return refuse(404);
    let body: Uint8Array;
    try {
      body = await read(file);
    } catch {
      return refuse(404);
    }
    const host = new URL(request.url).hostname;
    const headers = {
      'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Security-Policy': CSP[host === 'store' ? 'store' : 'ui'],
      ...SECURITY_HEADERS,
    };
    return new Response(request.method === 'HEAD' ? null : (body as BodyInit), { status: 200, headers });
  };
}

export function installAppProtocol(protocol: Pick<Protocol, 'handle'>, roots: Readonly<Record<string, string>>, pages: PrintPages): void {
  protocol.handle(APP_SCHEME, createAppHandler(roots, readFile, pages));
}
