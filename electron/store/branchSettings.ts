import type { DeadlineSettings, Organization } from '../../shared/api/contract';
import { chinaYear, type CalendarOverride, type DeadlinePolicy } from '../../shared/deadlines';
import { calendarYears, refreshCalendar } from './calendars';
import { activeCategories } from '../../shared/domain/categories';
import { currentPolicy, refreshPolicy } from './policy';
import { fail, META_CALENDAR, META_ORG, META_POLICY, organizationOf, StoreError, type StoreContext } from './context';
import type { Actor } from '../../shared/domain/case';

export async function organization(ctx: StoreContext): Promise<Organization> {
  return organizationOf((await ctx.db.meta.get(META_ORG))?.value as Partial<Organization> | undefined);
}

/**
 * Who may change whom: the person saving stays, with their role (nobody removes or demotes
 * themselves, so a branch never loses its last administrator that way); administrators, and the
 * administrator role, are changed by an administrator only, so a supervisor cannot promote
 * anyone, themselves included, above supervisor.
 */
function checkStaffChange(before: Organization['staff'], after: Organization['staff'], actor: Actor): void {
  const self = after.find((m) => m.id === actor.staffId);
  if (!self || self.role !== actor.role) fail('forbidden', 'errors.org.keepYourself');
  if (actor.role === 'admin') return;
  const key = (m: Organization['staff'][number]) => `${m.id}\u0000${m.name}\u0000${m.role}`;
  const admins = (staff: Organization['staff']) =>
    staff
      .filter((m) => m.role === 'admin')
      .map(key)
      .sort()
      .join('\n');
  if (admins(before) !== admins(after)) fail('forbidden', 'errors.org.adminsByAdmin');
}

export async function saveOrganization(ctx: StoreContext, org: Organization, actor: Actor): Promise<Organization> {
  checkStaffChange(ctx.organization.staff, org.staff, actor);
  if (ctx.branch && activeCategories(ctx.branch.profileId, org).length === 0) {
    throw new StoreError({
      code: 'invalid_input',
      message: 'errors.org.noCategory',
      issues: [{ path: 'organization.retiredCategories', key: 'errors.org.noCategory' }],
    });
  }
  await ctx.db.meta.put({ key: META_ORG, value: org });
  ctx.organization = org;
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
