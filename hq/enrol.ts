import { randomBytes } from 'node:crypto';
import { branchCodeSchema } from '../shared/domain/caseNumber';
import { formatEnrolmentCode, isAllowedHqUrl, type Enrolment } from '../shared/sync/enrolment';
import type { Db } from './db/types';

export interface EnrolRequest {
  branch: string;
  name: string;
  /** Head office's address as branches reach it. */
  hqUrl: string;
}

export interface EnrolResult {
  enrolment: Enrolment;
  code: string;
  /** The branch was enrolled before: its previous secret no longer works. */
  rotated: boolean;
}

/** Why an enrolment request cannot be carried out, or null. */
export function enrolProblem(r: EnrolRequest): string | null {
  if (!branchCodeSchema.safeParse(r.branch).success) return `the branch code "${r.branch}" is not 2–12 capital letters or digits`;
  if (!r.name.trim() || r.name.length > 100) return 'the branch needs a name (at most 100 characters)';
  if (!isAllowedHqUrl(r.hqUrl.replace(/\/+$/, '')))
    return `branches will refuse the address ${r.hqUrl}: it must be https:// (plain http only on this machine: localhost, 127.0.0.1)`;
  return null;
}

/**
 * Enrols a branch, or enrols it again (a lost PC): a fresh secret of 32 random bytes, stored as it
 * is, since head office must compute the same HMACs. The previous secret is kept only to tell its
 * holder it was replaced.
 */
export async function enrolBranch(
  db: Db,
  r: EnrolRequest,
  now: number,
  random: (n: number) => Uint8Array = randomBytes,
): Promise<EnrolResult> {
  const problem = enrolProblem(r);
  if (problem) throw new Error(problem);
  const secret = Buffer.from(random(32)).toString('base64url');
  const { rows } = await db.query<{ rotated: boolean }>(
    `INSERT INTO branches (code, name, secret, enrolled_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, previous_secret = branches.secret, secret = EXCLUDED.secret,
       enrolled_at = EXCLUDED.enrolled_at
     RETURNING previous_secret IS NOT NULL AS rotated`,
    [r.branch, r.name.trim(), secret, now],
  );
  const enrolment: Enrolment = { hqUrl: r.hqUrl.replace(/\/+$/, ''), branch: r.branch, secret };
  return { enrolment, code: formatEnrolmentCode(enrolment), rotated: rows[0]!.rotated };
}
