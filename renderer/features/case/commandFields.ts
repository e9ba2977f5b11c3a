import type { ProfileId } from '../../../shared/domain/enums';
import { COMMAND_NAMES, type CommandInput, type CommandName } from '../../../shared/workflow/commands';
import type { CommandDefinition } from '../../../shared/workflow/define';
import type { FieldSpec, FormContext } from '../../../shared/workflow/fields';
import { definitionOf } from '../../../shared/workflow/machine';

/** What the dialog holds: text as typed, switches as booleans, selects as their option. */
export type FieldValues = Record<string, string | boolean>;

/** One input of a command's dialog, as its definition declares it, and whether leaving it empty is refused. */
export interface DialogField extends FieldSpec {
  name: string;
  required: boolean;
}

type Form = NonNullable<CommandDefinition['form']>;

/** The prefix the store puts before a payload path in an issue. */
const PAYLOAD_PATH = 'command.payload.';

const pathOf = (name: string, spec: FieldSpec) => spec.path ?? name;
const isWithin = (path: string, fieldPath: string) => path === fieldPath || path.startsWith(`${fieldPath}.`);
/** Selects and switches always hold a value, so only typed inputs can be left empty. */
const canBeEmpty = (spec: FieldSpec) => spec.kind !== 'select' && spec.kind !== 'switch' && spec.kind !== 'category';

function emptyValue(spec: FieldSpec): string | boolean {
  if (spec.kind === 'switch') return false;
  if (spec.kind === 'select') return spec.options?.[0] ?? '';
  return '';
}

/**
 * A field is required when its command's schema refuses the payload built with that field empty:
 * the schema stays the only statement of what is required, the dialog's asterisks follow it.
 */
function requiredFields(form: Form, schema: CommandDefinition['schema']): Set<string> {
  const entries = Object.entries(form.fields);
  const blank = Object.fromEntries(entries.map(([name, spec]) => [name, emptyValue(spec)]));
  const parsed = schema.safeParse(form.toPayload(blank));
  const refused = parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'));
  return new Set(
    entries.filter(([name, spec]) => canBeEmpty(spec) && refused.some((path) => isWithin(path, pathOf(name, spec)))).map(([name]) => name),
  );
}

function dialogFields(definition: CommandDefinition): readonly DialogField[] | undefined {
  const form = definition.form;
  if (!form) return undefined;
  const required = requiredFields(form, definition.schema);
  return Object.entries(form.fields).map(([name, spec]) => ({ ...spec, name, required: required.has(name) }));
}

/** The fields of every command the case page issues through a dialog; the others have their own controls. */
export const COMMAND_FIELDS: Partial<Record<CommandName, readonly DialogField[]>> = Object.fromEntries(
  COMMAND_NAMES.flatMap((name) => {
    const fields = dialogFields(definitionOf(name));
    return fields ? [[name, fields]] : [];
  }),
);

export function hasDialog(name: CommandName): boolean {
  return COMMAND_FIELDS[name] !== undefined;
}

export function labelOf(field: DialogField, profileId: ProfileId): string {
  return typeof field.label === 'function' ? field.label(profileId) : field.label;
}

function formOf(name: CommandName): Form {
  const form = definitionOf(name).form;
  if (!form) throw new Error(`${name} has no dialog`);
  return form;
}

export function initialValues(name: CommandName, ctx: FormContext): FieldValues {
  return Object.fromEntries(Object.entries(formOf(name).fields).map(([field, spec]) => [field, spec.initial?.(ctx) ?? emptyValue(spec)]));
}

/** What differs between two payloads, leaf by leaf; undefined when nothing does. */
function changes(after: unknown, before: unknown): unknown {
  if (isPlainObject(after) && isPlainObject(before)) {
    const changed = Object.entries(after).flatMap(([key, value]) => {
      const change = changes(value, before[key]);
      return change === undefined ? [] : [[key, change]];
    });
    return changed.length ? Object.fromEntries(changed) : undefined;
  }
  return Object.is(after, before) ? undefined : after;
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The payload the command's definition builds from what the dialog holds; a correction names only what changed. */
export function payloadOf<C extends CommandName>(name: C, values: FieldValues, ctx: FormContext): CommandInput<C> {
  const form = formOf(name);
  const payload = form.toPayload(values);
  if (!form.changesOnly) return payload as CommandInput<C>;
  return (changes(payload, form.toPayload(initialValues(name, ctx))) ?? {}) as CommandInput<C>;
}

/** The dialog field an issue of the store's answer is about (`command.payload.plan.compensation.amount` → `compensation`). */
export function fieldOfIssue(name: CommandName, issuePath: string): string | undefined {
  if (!issuePath.startsWith(PAYLOAD_PATH)) return undefined;
  const path = issuePath.slice(PAYLOAD_PATH.length);
  return COMMAND_FIELDS[name]?.find((f) => isWithin(path, pathOf(f.name, f)))?.name;
}
