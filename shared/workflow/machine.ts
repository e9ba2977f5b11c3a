import type { Actor, CaseRecord } from '../domain/case';
import type { CaseState, EventType } from '../domain/enums';
import type { Command, CommandName } from './commands';
import { missingFor } from './completeness';
import type { CommandDefinition, CommandFacts } from './define';
import { COMMANDS } from './definitions';
import { domainError, type DomainError } from './errors';
import { escalationHold } from './escalation';

export { awaitsAcknowledgement, needsSupervisor, unacknowledged } from './escalation';

export interface Transition {
  next: CaseRecord;
  /**
   * The command's event, followed by `closed` when the command closes the case (clocks key on it),
   * or by the event of the command that follows it in the same step (`then`).
   */
  events: EventType[];
  /** The record as each event leaves it (the last is `next`), so each event carries its own changes. */
  records: CaseRecord[];
  from: CaseState;
  to: CaseState;
}

/** The definition of a command named at run time; its payload type is then whatever the schema gave. */
export function definitionOf(name: CommandName): CommandDefinition<CommandName> {
  return COMMANDS[name] as unknown as CommandDefinition<CommandName>;
}

/**
 * Why `actor` may not issue `name` on `c` now, before looking at the payload (stage, role, the
 * escalation hold, the definition's own availability rule), or null when they may.
 */
export function unavailability(c: CaseRecord, name: CommandName, actor: Actor): DomainError | null {
  const rule = definitionOf(name);
  if (!rule.from.includes(c.state))
    return domainError('invalid_state', 'errors.workflow.invalidState', { state: `state.${c.state}`, command: `command.${name}` });
  if (!rule.roles.includes(actor.role))
    return domainError('forbidden', 'errors.workflow.roleNotAllowed', { role: `role.${actor.role}`, command: `command.${name}` });
  return escalationHold(c, actor, rule.evenUnacknowledged) ?? rule.available?.({ c, actor }) ?? null;
}

/** Whether `actor` may issue `name` on `c` now (stage, role, escalation, availability), before looking at the payload. */
export function isAllowed(c: CaseRecord, name: CommandName, actor: Actor): boolean {
  return unavailability(c, name, actor) === null;
}

/** The commands the UI may offer for this case and this user. */
export function allowedCommands(c: CaseRecord, actor: Actor): CommandName[] {
  return (Object.keys(COMMANDS) as CommandName[]).filter((name) => isAllowed(c, name, actor));
}

/** Applies a validated command. Pure: returns the next record (version + 1) or the rule it breaks. */
export function applyCommand(
  c: CaseRecord,
  command: Command,
  actor: Actor,
  now: number,
  facts: CommandFacts = {},
): Transition | DomainError {
  const rule = definitionOf(command.name);
  const first = step(rule, c, command.payload, actor, now, command.name, facts);
  if (isDomainError(first)) return first;
  const events: EventType[] = first.to === 'closed' && c.state !== 'closed' ? [rule.event, 'closed'] : [rule.event];
  const records = events.map(() => first.next);
  if (!rule.then) return { next: first.next, events, records, from: c.state, to: first.to };
  // The follow-on is the same step: one version, and refused as a whole when it is refused.
  const second = step(rule.then, first.next, rule.then.schema.parse({}), actor, now, rule.then.name as CommandName, facts);
  if (isDomainError(second)) return second;
  const next = { ...second.next, version: first.next.version };
  return { next, events: [...events, rule.then.event], records: [...records, next], from: c.state, to: second.to };
}

/** One definition's rules (stage, role, escalation, availability, guard, completeness) and changes, on `c`. */
function step(
  rule: CommandDefinition,
  c: CaseRecord,
  payload: unknown,
  actor: Actor,
  now: number,
  name: CommandName,
  facts: CommandFacts,
): { next: CaseRecord; to: CaseState } | DomainError {
  const unavailable = unavailability(c, name, actor);
  if (unavailable) return unavailable;
  const ctx = { c, p: payload, actor, now, facts };
  const refused = rule.guard?.(ctx);
  if (refused) return refused;
  const to = typeof rule.to === 'function' ? rule.to(ctx) : (rule.to ?? c.state);
  const next: CaseRecord = { ...c, ...rule.apply(ctx), state: to, version: c.version + 1, updatedAt: now };
  if (rule.to) {
    const missing = missingFor(to, next);
    if (missing.length) return domainError('incomplete', 'errors.workflow.missing', { fields: missing.join(',') });
  }
  return { next, to };
}

export function isDomainError(x: unknown): x is DomainError {
  return typeof x === 'object' && x !== null && 'code' in x && 'message' in x && !('next' in x);
}
