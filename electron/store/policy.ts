import { policyInForce, type DeadlinePolicy, type PolicyInForce, type PublishedPolicy } from '../../shared/deadlines';
import { META_HQ_CALENDARS, META_POLICY, type StoreContext } from './context';

/** The policy deadlines are counted with, and where it comes from (policyInForce's precedence). */
export async function currentPolicy(ctx: StoreContext): Promise<PolicyInForce> {
  const [localRow, hqRow] = await ctx.db.meta.bulkGet([META_POLICY, META_HQ_CALENDARS]);
  const published = (hqRow?.value as { policies?: PublishedPolicy[] } | undefined)?.policies ?? [];
  return policyInForce(ctx.branch?.profileId ?? 'general', localRow?.value as DeadlinePolicy | undefined, published);
}

/** After the local policy, head office's policies or the branch's profile changed: deadlines computed from now on use the new one. */
export async function refreshPolicy(ctx: StoreContext): Promise<void> {
  ctx.policy = (await currentPolicy(ctx)).policy;
}
