import type { Actor, CaseRecord } from '../domain/case';
import type { CaseState, EventType } from '../domain/enums';
import type { Command, CommandName } from './commands';
import { missingFor } from './completeness';
import type { CommandDefinition } from './define';
import { COMMANDS } from './definitions';
import { domainError, type DomainError } from './errors';
import { escalationHold } from './escalation';

export { awaitsAcknowledgement, needsSupervisor, unacknowledged } from './escalation';

export interface Transition {
  next: CaseRecord;
  /** The command's event, followed by `closed` when the command closes the case (clocks key on it). */
  events: EventType[];
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
export function applyCommand(c: CaseRecord, command: Command, actor: Actor, now: number): Transition | DomainError {
  const rule = definitionOf(command.name);
  const unavailable = unavailability(c, command.name, actor);
  if (unavailable) return unavailable;
  const ctx = { c, p: command.payload, actor, now };
  const refused = rule.guard?.(ctx);
  if (refused) return refused;
  const to = typeof rule.to === 'function' ? rule.to(ctx) : (rule.to ?? c.state);
  const next: CaseRecord = { ...c, ...rule.apply(ctx), state: to, version: c.version + 1, updatedAt: now };
  if (rule.to) {
    const missing = missingFor(to, next);
    if (missing.length) return domainError('incomplete', 'errors.workflow.missing', { fields: missing.join(',') });
  }
  const events: EventType[] = to === 'closed' && c.state !== 'closed' ? [rule.event, 'closed'] : [rule.event];
  return { next, events, from: c.state, to };
}

export function isDomainError(x: unknown): x is DomainError {
  return typeof x === 'object' && x !== null && 'code' in x && 'message' in x && !('next' in x);
}
