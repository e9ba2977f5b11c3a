import type { DeadlinePolicy } from '../../shared/deadlines';
import { translate } from '../../shared/i18n/translate';
import { checkPolicy } from '../policies';
import type { Locale } from './i18n';

/** What was typed for one clock: kept as typed, so a refused form comes back as it was sent. */
export interface ClockEntry {
  amount: string;
  unit: string;
}

/** One problem of the form, in words: of a clock (by id), or of the whole policy. */
export interface PolicyFormProblem {
  clockId?: string;
  message: string;
}

export type PolicyForm =
  { ok: true; policy: DeadlinePolicy } | { ok: false; entries: Record<string, ClockEntry>; problems: PolicyFormProblem[] };

/** The form's fields of a clock: `amount.<clock id>` and `unit.<clock id>`. */
export const amountField = (clockId: string) => `amount.${clockId}`;
export const unitField = (clockId: string) => `unit.${clockId}`;

/** Each clock's amount and unit as the form shows them for a policy. */
export function entriesOf(policy: DeadlinePolicy): Record<string, ClockEntry> {
  return Object.fromEntries(policy.clocks.map((c) => [c.id, { amount: String(c.amount), unit: c.unit }]));
}

/**
 * A profile's policy form: `base` (what the profile has now) with each clock's amount and unit as
 * typed, checked with the branches' own policy rules (hq/policies.ts): the policy to publish, or
 * every problem named on its clock in the page's language.
 */
export function readPolicyForm(locale: Locale, base: DeadlinePolicy, body: unknown): PolicyForm {
  const sent = (body ?? {}) as Record<string, unknown>;
  const text = (name: string) => (typeof sent[name] === 'string' ? (sent[name] as string).trim() : '');
  const entries: Record<string, ClockEntry> = Object.fromEntries(
    base.clocks.map((c) => [c.id, { amount: text(amountField(c.id)), unit: text(unitField(c.id)) }]),
  );
  // A whole number of up to three digits is a number; anything else goes to the schema as typed, to be refused there in words.
  const amountOf = (typed: string): unknown => (/^\d{1,3}$/.test(typed) ? Number(typed) : typed);
  const policy = {
    ...base,
    clocks: base.clocks.map((c) => ({ ...c, amount: amountOf(entries[c.id]!.amount), unit: entries[c.id]!.unit })),
  };
  const checked = checkPolicy(base.profile, policy);
  if (checked.ok) return checked;
  const problems = checked.issues.map((issue) => {
    const [field, index] = issue.path.split('.');
    const clock = field === 'clocks' && index !== undefined ? base.clocks[Number(index)] : undefined;
    return { ...(clock ? { clockId: clock.id } : {}), message: translate(locale, issue.key) };
  });
  return { ok: false, entries, problems };
}
