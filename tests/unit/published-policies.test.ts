import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DEADLINE_POLICIES,
  mergePublishedPolicies,
  policyInForce,
  publishedPolicySchema,
  type DeadlinePolicy,
  type PublishedPolicy,
} from '../../shared/deadlines';

const general = (version: number, amount = 5): PublishedPolicy => ({
  profile: 'general',
  version,
  publishedAt: 1000 + version,
  policy: {
    ...DEFAULT_DEADLINE_POLICIES.general,
    clocks: DEFAULT_DEADLINE_POLICIES.general.clocks.map((c) => (c.id === 'resolve' ? { ...c, amount } : c)),
  },
});
const pawnshop: PublishedPolicy = { profile: 'pawnshop', version: 3, publishedAt: 7, policy: DEFAULT_DEADLINE_POLICIES.pawnshop };

describe('the deadline policy in force', () => {
  it("is the supervisor's own, else head office's for the profile, else the bundled one", () => {
    const local: DeadlinePolicy = general(1, 2).policy;
    expect(policyInForce('general', local, [general(4)])).toEqual({ policy: local, source: 'local', publishedAt: null });
    expect(policyInForce('general', undefined, [pawnshop, general(4)])).toEqual({
      policy: general(4).policy,
      source: 'headOffice',
      publishedAt: 1004,
    });
    expect(policyInForce('courier', undefined, [pawnshop, general(4)])).toEqual({
      policy: DEFAULT_DEADLINE_POLICIES.courier,
      source: 'bundled',
      publishedAt: null,
    });
  });

  it("keeps per profile the higher version, in the profiles' order", () => {
    expect(mergePublishedPolicies([general(4)], [general(2, 9), pawnshop])).toEqual([general(4), pawnshop]);
    expect(mergePublishedPolicies([pawnshop, general(4)], [general(6, 9)])).toEqual([general(6, 9), pawnshop]);
  });

  it("refuses a published policy filed under another profile than its own, or one a supervisor's could not be", () => {
    expect(publishedPolicySchema.safeParse(general(1)).success).toBe(true);
    expect(publishedPolicySchema.safeParse({ ...pawnshop, profile: 'general' }).success).toBe(false);
    expect(publishedPolicySchema.safeParse(general(1, 0)).success).toBe(false);
  });
});
