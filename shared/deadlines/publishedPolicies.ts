/**
 * Head office's deadline policies: a default policy per business profile, published at head office
 * and received by every branch with the calendars (GET /v1/calendars). Which policy a branch uses
 * is decided here once (policyInForce): the supervisor's own, else head office's for the branch's
 * profile, else the bundled default.
 */
import { z } from 'zod';
import { PROFILE_IDS, type ProfileId } from '../domain/enums';
import { DEFAULT_DEADLINE_POLICIES, type DeadlinePolicy } from './policies';
import { deadlinePolicySchema } from './schema';

/** A profile's policy as head office published it; `version` shares the calendars' sequence. */
export interface PublishedPolicy {
  profile: ProfileId;
  version: number;
  /** Epoch milliseconds. */
  publishedAt: number;
  policy: DeadlinePolicy;
}

export const publishedPolicySchema: z.ZodType<PublishedPolicy> = z
  .object({
    profile: z.enum(PROFILE_IDS),
    version: z.number().int().min(1),
    publishedAt: z.number().int().min(0).max(8.64e15),
    policy: deadlinePolicySchema,
  })
  .refine((p) => p.policy.profile === p.profile, { message: 'errors.deadline.profile', path: ['policy', 'profile'] });

/** At most this many policies in a sync answer or a calendar file (there are a handful of profiles). */
export const MAX_PUBLISHED_POLICIES = 50;

/**
 * Head office's policies as they travel to a branch: the sync answer's `policies` and the calendar
 * file's (one definition, so a branch reads both alike).
 */
export const publishedPoliciesSchema: z.ZodType<PublishedPolicy[]> = z.array(publishedPolicySchema).max(MAX_PUBLISHED_POLICIES);

/** Per profile the higher version wins (as mergePublishedCalendars per year). */
export function mergePublishedPolicies(held: readonly PublishedPolicy[], incoming: readonly PublishedPolicy[]): PublishedPolicy[] {
  const byProfile = new Map(held.map((p) => [p.profile, p]));
  for (const published of incoming) {
    const known = byProfile.get(published.profile);
    if (!known || published.version > known.version) byProfile.set(published.profile, published);
  }
  return [...byProfile.values()].sort((a, b) => PROFILE_IDS.indexOf(a.profile) - PROFILE_IDS.indexOf(b.profile));
}

/** Where the policy in force comes from: the supervisor's own, head office's, or the one bundled with the app. */
export type PolicySource = 'local' | 'headOffice' | 'bundled';

export interface PolicyInForce {
  policy: DeadlinePolicy;
  source: PolicySource;
  /** When head office published the policy in force (null unless source is headOffice). */
  publishedAt: number | null;
}

/** The one precedence: a supervisor's local policy wins over head office's for the profile, which wins over the bundled default. */
export function policyInForce(profile: ProfileId, local: DeadlinePolicy | undefined, published: readonly PublishedPolicy[]): PolicyInForce {
  if (local) return { policy: local, source: 'local', publishedAt: null };
  const hq = published.find((p) => p.profile === profile);
  if (hq) return { policy: hq.policy, source: 'headOffice', publishedAt: hq.publishedAt };
  return { policy: DEFAULT_DEADLINE_POLICIES[profile], source: 'bundled', publishedAt: null };
}
