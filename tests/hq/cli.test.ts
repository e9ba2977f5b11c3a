import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseEnrolmentCode } from '../../shared/sync/enrolment';
import { PATHS } from '../../shared/sync/protocol';

const dir = mkdtempSync(join(tmpdir(), 'hq-cli-'));
const dataDir = join(dir, 'hq-data');
const running: ChildProcess[] = [];

function hq(args: string[], env: Record<string, string> = {}) {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'hq/main.ts', ...args], {
    env: { ...rest, HQ_DATA_DIR: dataDir, HQ_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return {
    child,
    output: () => out,
    done: async () => {
      const [code] = (await once(child, 'exit')) as [number];
      return { code, out };
    },
  };
}

afterAll(async () => {
  for (const child of running)
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  rmSync(dir, { recursive: true, force: true });
});

const codeIn = (out: string) => parseEnrolmentCode(/countersign:\/\/enrol\?\S+/.exec(out)?.[0] ?? '');

describe('npm run hq (PGlite in a data folder)', () => {
  it('enrols a branch: the code as text and as a QR code; enrolling again rotates the secret', async () => {
    const first = await hq(['enrol', '--branch', 'BJ01', '--name', '北京一店']).done();
    expect(first.code).toBe(0);
    expect(first.out).toContain(`HQ data: PGlite in ${dataDir}`);
    const code = codeIn(first.out);
    expect(code).toMatchObject({ ok: true, enrolment: { hqUrl: 'http://127.0.0.1:0', branch: 'BJ01' } });
    expect(first.out).toMatch(/[▄▀█]{5}/); // the terminal QR code

    const again = await hq(['enrol', '--branch', 'BJ01', '--name', '北京一店', '--url', 'https://hq.example.com']).done();
    expect(again.out).toContain('Enrolled again');
    const rotated = codeIn(again.out);
    expect(rotated).toMatchObject({ ok: true, enrolment: { hqUrl: 'https://hq.example.com', branch: 'BJ01' } });
    expect(rotated.ok && code.ok && rotated.enrolment.secret !== code.enrolment.secret).toBe(true);
  }, 60_000);

  it('refuses an address branches would refuse, and a bad branch code', async () => {
    const plain = await hq(['enrol', '--branch', 'BJ01', '--name', 'x', '--url', 'http://hq.example.com']).done();
    expect(plain).toMatchObject({ code: 1, out: expect.stringContaining('must be https://') });
    const lower = await hq(['enrol', '--branch', 'bj01', '--name', 'x']).done();
    expect(lower).toMatchObject({ code: 1, out: expect.stringContaining('not 2–12 capital letters or digits') });
  }, 60_000);

  it('serves, saying where it listens and where its data is; the folder is its alone while it runs', async () => {
    const server = hq([]);
    await new Promise<void>((resolve, reject) => {
      server.child.stdout!.on('data', () => /HQ data: /.test(server.output()) && resolve());
      server.child.once('exit', () => reject(new Error(server.output())));
    });
    const url = /HQ listening on (http:\/\/\S+)/.exec(server.output())![1]!;
    expect(server.output()).toContain(`HQ data: PGlite in ${dataDir}`);
    expect(await (await fetch(url + PATHS.health)).json()).toMatchObject({ ok: true, protocol: 1 });

    const meanwhile = await hq(['enrol', '--branch', 'SH02', '--name', '上海二店']).done();
    expect(meanwhile).toMatchObject({ code: 1, out: expect.stringContaining('is in use by process') });

    server.child.kill('SIGTERM');
    expect((await server.done()).code).toBe(0);
    expect((await hq(['enrol', '--branch', 'SH02', '--name', '上海二店']).done()).code).toBe(0);
  }, 90_000);
});
