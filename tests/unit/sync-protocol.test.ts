import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatEnrolmentCode, isAllowedHqUrl, parseEnrolmentCode } from '../../shared/sync/enrolment';
import {
  EMPTY_SHA256,
  secretBytes,
  signature,
  signatureMatches,
  signedHeaders,
  stringToSign,
  type SignedParts,
} from '../../shared/sync/protocol';

const SECRET = 'q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c';
const PARTS: SignedParts = {
  method: 'post',
  path: '/v1/batches',
  timestamp: 1764648000000,
  bodySha256: EMPTY_SHA256,
  requestId: '0193a5c2-0000-7000-8000-000000000001',
  branch: 'BJ01',
};

describe('request signatures', () => {
  it('sign seven lines: scheme, upper-case method, path, timestamp, body hash, request id, branch', () => {
    expect(stringToSign(PARTS)).toBe(
      ['COUNTERSIGN-HMAC-SHA256', 'POST', '/v1/batches', '1764648000000', EMPTY_SHA256, PARTS.requestId, 'BJ01'].join('\n'),
    );
    expect(EMPTY_SHA256).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('is HMAC-SHA256 of that string under the base64url-decoded secret (checked against Node crypto)', () => {
    expect(new TextDecoder().decode(secretBytes('SmVmZQ'))).toBe('Jefe');
    const key = Buffer.from(SECRET, 'base64url');
    expect(secretBytes(SECRET)).toEqual(new Uint8Array(key));
    const expected = createHmac('sha256', key).update(stringToSign(PARTS), 'utf8').digest('hex');
    expect(signature(SECRET, PARTS)).toBe(`v1=${expected}`);
  });

  it('matches only the same secret and the same parts', () => {
    const given = signature(SECRET, PARTS);
    expect(signatureMatches(SECRET, PARTS, given)).toBe(true);
    const other = 'A' + SECRET.slice(1);
    expect(signatureMatches(other, PARTS, given)).toBe(false);
    for (const change of [
      { method: 'GET' },
      { path: '/v1/batches?x=1' },
      { timestamp: PARTS.timestamp + 1 },
      { bodySha256: 'f'.repeat(64) },
      { requestId: '0193a5c2-0000-7000-8000-000000000002' },
      { branch: 'SH01' },
    ]) {
      expect(signatureMatches(SECRET, { ...PARTS, ...change }, given)).toBe(false);
    }
    expect(signatureMatches(SECRET, PARTS, given.toUpperCase())).toBe(false);
    expect(signatureMatches(SECRET, PARTS, '')).toBe(false);
    expect(signatureMatches(SECRET, PARTS, undefined as unknown as string)).toBe(false);
  });

  it('puts every part in its header', () => {
    expect(signedHeaders(SECRET, PARTS)).toEqual({
      'x-countersign-branch': 'BJ01',
      'x-countersign-timestamp': '1764648000000',
      'x-countersign-request': PARTS.requestId,
      'x-countersign-content-sha256': EMPTY_SHA256,
      'x-countersign-signature': signature(SECRET, PARTS),
    });
  });
});

describe('the enrolment code', () => {
  const enrolment = { hqUrl: 'https://hq.example.com', branch: 'BJ01', secret: SECRET };

  it('round-trips, blanks around it ignored', () => {
    const code = formatEnrolmentCode(enrolment);
    expect(code.startsWith('countersign://enrol?')).toBe(true);
    expect(parseEnrolmentCode(`  ${code}\n`)).toEqual({ ok: true, enrolment });
  });

  it('names what is wrong', () => {
    const code = (over: Record<string, string>) =>
      `countersign://enrol?${new URLSearchParams({ hq: enrolment.hqUrl, branch: 'BJ01', secret: SECRET, ...over }).toString()}`;
    expect(parseEnrolmentCode('hello')).toEqual({ ok: false, problem: 'errors.enrolment.format' });
    expect(parseEnrolmentCode('https://hq.example.com/enrol')).toEqual({ ok: false, problem: 'errors.enrolment.format' });
    expect(parseEnrolmentCode(code({ hq: 'http://hq.example.com' }))).toEqual({ ok: false, problem: 'errors.enrolment.address' });
    expect(parseEnrolmentCode(code({ branch: 'bj 01' }))).toEqual({ ok: false, problem: 'errors.enrolment.branch' });
    expect(parseEnrolmentCode(code({ secret: 'short' }))).toEqual({ ok: false, problem: 'errors.enrolment.secret' });
  });

  it('drops a trailing slash of the address', () => {
    const parsed = parseEnrolmentCode(formatEnrolmentCode({ ...enrolment, hqUrl: 'https://hq.example.com/' }));
    expect(parsed.ok && parsed.enrolment.hqUrl).toBe('https://hq.example.com');
  });
});

describe('head office addresses', () => {
  it('must be https, except on this machine', () => {
    expect(isAllowedHqUrl('https://hq.example.com')).toBe(true);
    expect(isAllowedHqUrl('http://127.0.0.1:8787')).toBe(true);
    expect(isAllowedHqUrl('http://localhost:8787')).toBe(true);
    expect(isAllowedHqUrl('http://[::1]:8787')).toBe(true);
    expect(isAllowedHqUrl('http://hq.example.com')).toBe(false);
    expect(isAllowedHqUrl('http://127.0.0.2')).toBe(false);
    expect(isAllowedHqUrl('ftp://hq.example.com')).toBe(false);
    expect(isAllowedHqUrl('https://user:pw@hq.example.com')).toBe(false);
    expect(isAllowedHqUrl('https://hq.example.com/?x=1')).toBe(false);
    expect(isAllowedHqUrl('not a url')).toBe(false);
  });
});
