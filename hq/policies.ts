/**
 * Head office's default deadline policies, one per business profile (docs/hq.md, "Deadline
 * policies"): published here, checked with the branches' own policy schema, and sent to every
 * branch with the calendars (calendarsSince).
 */
import { PROFILE_IDS, type ProfileId } from '../shared/domain/enums';
import { deadlineMessages, deadlinePolicySchema, type DeadlinePolicy, type PublishedPolicy } from '../shared/deadlines';
import type { Queryable } from './db/types';

/** One problem of a policy: where it is (`clocks.1.amount`) and its i18n key (shared/deadlines/messages.ts). */
export interface PolicyIssue {
  path: string;
  key: string;
}

/** Why a policy cannot be published; nothing is stored. */
export class PolicyProblem extends Error {
  constructor(readonly issues: PolicyIssue[]) {
    super(issues.map((i) => `${i.path || 'policy'}: ${(deadlineMessages.en as Record<string, string>)[i.key] ?? i.key}`).join('; '));
  }
}

/** A profile's policy as published, and who published it (head office's own record: not sent to branches). */
export interface PolicyPublication extends PublishedPolicy {
  publishedBy: string;
}

interface PolicyRow {
  version: string | number;
  profile: ProfileId;
  policy: DeadlinePolicy;
  published_at: string | number;
  published_by: string;
}

function publication(row: PolicyRow): PolicyPublication {
  return {
    profile: row.profile,
    version: Number(row.version),
    publishedAt: Number(row.published_at),
    policy: row.policy,
    publishedBy: row.published_by,
  };
}

/** A policy checked as publishPolicy checks it: the branches' policy schema, for the profile named. */
export function checkPolicy(
  profile: unknown,
  policy: unknown,
): { ok: true; policy: DeadlinePolicy } | { ok: false; issues: PolicyIssue[] } {
  if (!(PROFILE_IDS as readonly unknown[]).includes(profile))
    return { ok: false, issues: [{ path: 'profile', key: 'errors.deadline.profile' }] };
  const checked = deadlinePolicySchema.safeParse(policy);
  if (!checked.success) return { ok: false, issues: checked.error.issues.map((i) => ({ path: i.path.join('.'), key: i.message })) };
  if (checked.data.profile !== profile) return { ok: false, issues: [{ path: 'profile', key: 'errors.deadline.profile' }] };
  return { ok: true, policy: checked.data };
}

export interface PublishPolicyRequest {
  profile: unknown;
  policy: unknown;
  /** Who publishes (a signed-in user's name and id). */
  by: string;
}

/** Publishes a profile's policy (a new version; the profile's previous one is superseded). Throws PolicyProblem, storing nothing, otherwise. */
export async function publishPolicy(db: Queryable, r: PublishPolicyRequest, now: number): Promise<PolicyPublication> {
  const checked = checkPolicy(r.profile, r.policy);
  if (!checked.ok) throw new PolicyProblem(checked.issues);
  const by = r.by.trim().slice(0, 100) || 'head office';
  const { rows } = await db.query<PolicyRow>(
    `INSERT INTO published_policies (profile, policy, published_at, published_by) VALUES ($1, $2, $3, $4)
     RETURNING version, profile, policy, published_at, published_by`,
    [checked.policy.profile, JSON.stringify(checked.policy), now, by],
  );
  return publication(rows[0]!);
}

/** Every profile's newest policy with who published it, in the profiles' order (the HQ page's list). */
export async function policyPublications(db: Queryable): Promise<PolicyPublication[]> {
  const { rows } = await db.query<PolicyRow>(
    'SELECT DISTINCT ON (profile) version, profile, policy, published_at, published_by FROM published_policies ORDER BY profile, version DESC',
  );
  return rows.map(publication).sort((a, b) => PROFILE_IDS.indexOf(a.profile) - PROFILE_IDS.indexOf(b.profile));
}

/** A profile's policy as last published, or null. */
export async function publishedPolicy(db: Queryable, profile: ProfileId): Promise<PolicyPublication | null> {
  return (await policyPublications(db)).find((p) => p.profile === profile) ?? null;
}

/** What branches receive: every profile's newest policy, without who published it. */
export async function publishedPolicies(db: Queryable): Promise<PublishedPolicy[]> {
  return (await policyPublications(db)).map(({ publishedBy: _, ...published }) => published);
}
