import type { z } from 'zod';
import type { Actor, CaseRecord } from '../domain/case';
import type { CaseState, EventType, Role } from '../domain/enums';
import type { DomainError } from './errors';
import type { FormFields, FormValues } from './fields';

/** What a rule sees: the case before the command, the validated payload, who, and when. */
export interface CommandContext<P> {
  c: CaseRecord;
  p: P;
  actor: Actor;
  now: number;
}

/** The dialog that issues a command: its fields, and the typed payload built from what they hold. */
export interface CommandForm<S extends z.ZodType, F extends FormFields> {
  fields: F;
  toPayload: (values: FormValues<F>) => z.input<S>;
  /** A correction sends only what differs from the fields' initial values (the event then shows exactly that). */
  changesOnly?: boolean;
}

/**
 * Everything about one workflow command, written once: the state machine, the store's
 * validation and the case page's dialog are all derived from it.
 */
export interface CommandDefinition<N extends string = string, S extends z.ZodType = z.ZodType, F extends FormFields = FormFields> {
  name: N;
  /** The payload as the store accepts it; its messages are i18n keys. */
  schema: S;
  from: readonly CaseState[];
  roles: readonly Role[];
  event: EventType;
  /** Next state; omitted when the command records something without moving the case. */
  to?: CaseState | ((ctx: CommandContext<z.output<S>>) => CaseState);
  /** Whether the command makes sense for this case at all (offered on the case page); its guard refuses it otherwise. */
  appliesTo?: (c: CaseRecord) => boolean;
  guard?: (ctx: CommandContext<z.output<S>>) => DomainError | null;
  apply: (ctx: CommandContext<z.output<S>>) => Partial<CaseRecord>;
  /** Omitted for commands issued by their own controls (attachments, related cases). */
  form?: CommandForm<S, F>;
}

/** Identity, so each definition's payload type flows into its rules and its form. */
export function defineCommand<const N extends string, S extends z.ZodType, F extends FormFields>(
  definition: CommandDefinition<N, S, F>,
): CommandDefinition<N, S, F> {
  return definition;
}
