import type { z } from 'zod';
import type { Actor, CaseRecord } from '../domain/case';
import type { CaseState, EventType, Role } from '../domain/enums';
import type { DomainError } from './errors';
import type { FormFields, FormValues } from './fields';

/**
 * What the store knows that a payload must not say, passed in with the command: the rules'
 * proposed deduction of an accountability record and the end of its appeal window (R8.3), worked
 * out from the branch's settings, calendar and the case's deadlines. A command that needs a fact
 * refuses without it.
 */
export interface CommandFacts {
  accountability?: { proposed: number; appealDueAt: number; department: string };
}

/** What a rule sees: the case before the command, the validated payload, who, when, and the store's facts. */
export interface CommandContext<P> {
  c: CaseRecord;
  p: P;
  actor: Actor;
  now: number;
  facts: CommandFacts;
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
  /**
   * A rule that does not look at the payload: whether the command is available on this case to
   * this person now. The case page offers only available commands; the store refuses the others.
   */
  available?: (ctx: Pick<CommandContext<unknown>, 'c' | 'actor'>) => DomainError | null;
  /** Issued even while a major or urgent case awaits the supervisor's acknowledgement (escalation.ts, escalationHold). */
  evenUnacknowledged?: boolean;
  /** A rule that looks at the payload; checked when the command is made. */
  guard?: (ctx: CommandContext<z.output<S>>) => DomainError | null;
  apply: (ctx: CommandContext<z.output<S>>) => Partial<CaseRecord>;
  /** Omitted for commands issued by their own controls (attachments, related cases). */
  form?: CommandForm<S, F>;
  /**
   * A command (taking no payload) that follows in the same step, under its own rules and with its
   * own event: settling at the counter is followed by archiving (R1.7).
   */
  then?: CommandDefinition;
}

/** Identity, so each definition's payload type flows into its rules and its form. */
export function defineCommand<const N extends string, S extends z.ZodType, F extends FormFields>(
  definition: CommandDefinition<N, S, F>,
): CommandDefinition<N, S, F> {
  return definition;
}
