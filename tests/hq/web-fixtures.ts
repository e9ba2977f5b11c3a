import { PATHS, sha256Hex, type CaseEntry } from '../../shared/sync/protocol';
import type { Db } from '../../hq/db/types';
import { addUser } from '../../hq/staff/users';
import { batchOf, T0, type TestHq } from './fixtures';

export const PASSWORD = 'correct horse battery staple';

export interface Page {
  status: number;
  headers: Headers;
  text: string;
  bytes: Uint8Array;
  /** Where a redirect leads (path and query). */
  location: string | null;
}

/** The page's CSRF token, as its forms carry it. */
export function csrfOf(page: Page): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
  if (!token) throw new Error(`no CSRF token in:\n${page.text.slice(0, 500)}`);
  return token;
}

/** A browser as HQ sees one: it keeps cookies, follows no redirect, sends forms as a browser does. */
export class Browser {
  readonly cookies = new Map<string, string>();
  constructor(
    readonly base: string,
    readonly headers: Record<string, string> = {},
  ) {}

  async request(method: string, path: string, form?: Record<string, string>, headers: Record<string, string> = {}): Promise<Page> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(this.base + path, {
      method,
      redirect: 'manual',
      headers: {
        ...this.headers,
        ...(cookie ? { cookie } : {}),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...headers,
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair!.indexOf('=');
      const [name, value] = [pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim()];
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const bytes = new Uint8Array(await res.arrayBuffer());
    return {
      status: res.status,
      headers: res.headers,
      text: new TextDecoder().decode(bytes),
      bytes,
      location: res.headers.get('location'),
    };
  }

  get(path: string, headers?: Record<string, string>) {
    return this.request('GET', path, undefined, headers);
  }

  post(path: string, form: Record<string, string>) {
    return this.request('POST', path, form);
  }

  /** Opens the sign-in page and signs in with its form. */
  async signIn(user = 'admin', password = PASSWORD, extra: Record<string, string> = {}): Promise<Page> {
    const form = await this.get('/sign-in');
    return this.post('/sign-in', { _csrf: csrfOf(form), user, password, ...extra });
  }
}

export async function addAdmin(db: Db, id = 'admin', name = '总部管理员') {
  await addUser(db, { id, name, role: 'admin', password: PASSWORD }, T0);
}

/** Uploads an attachment in one piece, as BJ01. */
export async function upload(hq: TestHq, bytes: Uint8Array): Promise<string> {
  const sha = sha256Hex(bytes);
  const put = await hq.send({
    method: 'PUT',
    path: `${PATHS.blob(sha)}?offset=0&total=${bytes.length}`,
    body: bytes,
    contentType: 'application/octet-stream',
  });
  if (put.status !== 200 || !put.json.complete) throw new Error(`upload failed: ${JSON.stringify(put.json)}`);
  return sha;
}

/** Sends cases the way a branch does; each must be accepted. */
export async function deliver(hq: TestHq, cases: CaseEntry[], extra: { appVersion?: string; waiting?: number } = {}) {
  const answer = await hq.post({ ...batchOf(cases), ...extra });
  const refused = (answer.json.results ?? []).filter((r: { status: string }) => r.status !== 'accepted');
  if (answer.status !== 200 || refused.length) throw new Error(`not accepted: ${JSON.stringify(answer.json)}`);
}

/** A case record with the fields a branch's case has (as far as the page shows them), over `entry`'s ids. */
export function withRecord(entry: CaseEntry, fields: Record<string, unknown>): CaseEntry {
  return { ...entry, record: { ...entry.record, ...fields } };
}
