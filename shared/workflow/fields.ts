import type { CaseRecord } from '../domain/case';
import { endOfChinaDate } from '../deadlines/calendar';
import type { ProfileId } from '../domain/enums';

/** What the dialog knows when it opens: the case and who is using it. */
export interface FormContext {
  record: CaseRecord;
  staffId: string;
}

export type FieldKind = 'text' | 'multiline' | 'date' | 'amount' | 'category' | 'select' | 'switch';

/** One input of a command's dialog. `V` is what the input holds: text as typed, a switch's boolean, a select's option. */
export interface FieldSpec<V extends string | boolean = string | boolean> {
  kind: FieldKind;
  /** An i18n key, or the key the branch's business profile uses (an address is a 房号 for property management). */
  label: string | ((profileId: ProfileId) => string);
  /** Where the store's issues about this field point inside the payload (`plan.dueAt`); default: the field's name. */
  path?: string;
  /** A select's values; each is labelled `<labelPrefix>.<value>`. */
  options?: readonly string[];
  labelPrefix?: string;
  /** Typing is helped by the branch's list (a datalist): free text stays possible. */
  suggest?: 'departments' | 'staff';
  /** What the field holds when the dialog opens; default: empty, off, or a select's first option. */
  initial?: (ctx: FormContext) => V;
}

export type FormFields = Record<string, FieldSpec>;
export type FormValues<F extends FormFields> = { [K in keyof F]: F[K] extends FieldSpec<infer V> ? V : never };

type More<V extends string | boolean> = Omit<FieldSpec<V>, 'kind' | 'label' | 'options' | 'labelPrefix'>;

export const field = {
  text: (label: FieldSpec['label'], more: More<string> = {}): FieldSpec<string> => ({ kind: 'text', label, ...more }),
  multiline: (label: string, more: More<string> = {}): FieldSpec<string> => ({ kind: 'multiline', label, ...more }),
  /** A calendar date `YYYY-MM-DD`, China time. */
  date: (label: string, more: More<string> = {}): FieldSpec<string> => ({ kind: 'date', label, ...more }),
  /** An amount of money as typed. */
  amount: (label: string, more: More<string> = {}): FieldSpec<string> => ({ kind: 'amount', label, ...more }),
  /** One of the branch's categories in use (known only at run time). */
  category: (label: string, more: More<string> = {}): FieldSpec<string> => ({ kind: 'category', label, ...more }),
  select: <O extends string>(label: string, options: readonly O[], labelPrefix: string, more: More<O> = {}): FieldSpec<O> => ({
    kind: 'select',
    label,
    options,
    labelPrefix,
    ...more,
  }),
  switch: (label: string, more: More<boolean> = {}): FieldSpec<boolean> => ({ kind: 'switch', label, ...more }),
};

/**
 * A date field as the payload's instant: the end of that China calendar day (a due date means
 * the whole day), null when empty, NaN when malformed so the schema refuses it on that field.
 */
export function dueDateOf(value: string): number | null {
  if (value === '') return null;
  try {
    return endOfChinaDate(value);
  } catch {
    return Number.NaN;
  }
}
