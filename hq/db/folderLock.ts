import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * PGlite serves one process only, so its data folder is locked while open: a pid file beside it.
 * A lock left by a process that is gone is taken over. Returns the release.
 */
export function lockFolder(folder: string): () => void {
  mkdirSync(dirname(folder), { recursive: true });
  const lock = `${folder}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    const fd = tryCreate(lock);
    if (fd !== null) {
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lock, { force: true });
    }
    const pid = Number(readFileSync(lock, 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0 && alive(pid))
      throw new Error(
        `HQ's data folder ${folder} is in use by process ${pid} (PGlite serves one process: stop it first, or use PostgreSQL with DATABASE_URL).`,
      );
    rmSync(lock, { force: true }); // left by a process that is gone
  }
  throw new Error(`could not lock ${folder}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A new file's descriptor, or null when it exists already. */
function tryCreate(path: string): number | null {
  try {
    return openSync(path, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return null;
    throw e;
  }
}
