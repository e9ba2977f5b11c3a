import type { DeadlineSettings, Organization } from '../../shared/api/contract';
import { chinaYear, type CalendarOverride, type DeadlinePolicy } from '../../shared/deadlines';
import { calendarYears, refreshCalendar } from './calendars';
import { activeCategories } from '../../shared/domain/categories';
import { currentPolicy, refreshPolicy } from './policy';
import { META_CALENDAR, META_ORG, META_POLICY, organizationOf, StoreError, type StoreContext } from './context';

export async function organization(ctx: StoreContext): Promise<Organization> {
  return organizationOf((await ctx.db.meta.get(META_ORG))?.value as Partial<Organization> | undefined);
}

export async function saveOrganization(ctx: StoreContext, org: Organization): Promise<Organization> {
  if (ctx.branch && activeCategories(ctx.branch.profileId, org).length === 0) {
    throw new StoreError({
      code: 'invalid_input',
      message: 'errors.org.noCategory',
      issues: [{ path: 'organization.retiredCategories', key: 'errors.org.noCategory' }],
    });
  }
  await ctx.db.meta.put({ key: META_ORG, value: org });
  ctx.categories = org;
  return org;
}

export async function deadlineSettings(ctx: StoreContext): Promise<DeadlineSettings> {
  const calendarRow = await ctx.db.meta.get(META_CALENDAR);
  const { policy, source: policySource, publishedAt: policyPublishedAt } = await currentPolicy(ctx);
  const calendarOverrides = (calendarRow?.value as CalendarOverride[] | undefined) ?? [];
  const years = await calendarYears(ctx);
  const year = chinaYear(ctx.now());
  const uncoveredYears = years.calendarYears.filter((y) => y.source === 'unknown' && y.year <= year + 1).map((y) => y.year);
  return { policy, policySource, policyPublishedAt, calendarOverrides, uncoveredYears, ...years };
}

/**
 * A supervisor's policy and calendar (policy null: no local policy, head office's or the bundled
 * one applies again). They apply to deadlines computed from now on: a case's next deadline is
 * recomputed with its next change (recomputing every open case at once would mean reading all
 * their events).
 */
export async function saveDeadlineSettings(
  ctx: StoreContext,
  patch: { policy?: DeadlinePolicy | null; calendarOverrides?: CalendarOverride[] },
): Promise<DeadlineSettings> {
  await ctx.db.transaction('rw', ctx.db.meta, async () => {
    if (patch.policy) await ctx.db.meta.put({ key: META_POLICY, value: patch.policy });
    if (patch.policy === null) await ctx.db.meta.delete(META_POLICY);
    if (patch.calendarOverrides) await ctx.db.meta.put({ key: META_CALENDAR, value: patch.calendarOverrides });
  });
  if (patch.policy !== undefined) await refreshPolicy(ctx);
  if (patch.calendarOverrides) await refreshCalendar(ctx);
  return deadlineSettings(ctx);
}
