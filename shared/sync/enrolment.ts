import { branchCodeSchema } from '../domain/caseNumber';

/**
 * The enrolment code head office prints for a branch (`npm run hq -- enrol`), entered once in the
 * branch's settings: `countersign://enrol?hq=<address>&branch=<code>&secret=<base64url>`.
 */
export interface Enrolment {
  /** Head office's address, without a trailing slash. */
  hqUrl: string;
  branch: string;
  /** 32 random bytes, base64url. */
  secret: string;
}

const SECRET = /^[A-Za-z0-9_-]{43}$/;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Head office must be reached over https; plain http only on this machine (tests, development). */
export function isAllowedHqUrl(address: string): boolean {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return false;
  }
  if (url.username || url.password || url.search || url.hash) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

export function formatEnrolmentCode(e: Enrolment): string {
  const q = new URLSearchParams({ hq: e.hqUrl, branch: e.branch, secret: e.secret });
  return `countersign://enrol?${q.toString()}`;
}

export type EnrolmentProblem =
  'errors.enrolment.format' | 'errors.enrolment.address' | 'errors.enrolment.branch' | 'errors.enrolment.secret';

/** The code as typed or scanned (surrounding blanks ignored), or what is wrong with it. */
export function parseEnrolmentCode(text: string): { ok: true; enrolment: Enrolment } | { ok: false; problem: EnrolmentProblem } {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, problem: 'errors.enrolment.format' };
  }
  if (url.protocol !== 'countersign:' || url.host + url.pathname !== 'enrol') return { ok: false, problem: 'errors.enrolment.format' };
  const hq = (url.searchParams.get('hq') ?? '').replace(/\/+$/, '');
  const branch = url.searchParams.get('branch') ?? '';
  const secret = url.searchParams.get('secret') ?? '';
  if (!isAllowedHqUrl(hq)) return { ok: false, problem: 'errors.enrolment.address' };
  if (!branchCodeSchema.safeParse(branch).success) return { ok: false, problem: 'errors.enrolment.branch' };
  if (!SECRET.test(secret)) return { ok: false, problem: 'errors.enrolment.secret' };
  return { ok: true, enrolment: { hqUrl: hq, branch, secret } };
}
