import type { Actor, CaseRecord } from '../domain/case';
import type { CommandName } from './commands';
import { allowedCommands, definitionOf } from './machine';

/**
 * The commands the case page offers: those the state and role allow, less those that make no
 * sense for this case (no callback on an anonymous report, no closing without one otherwise).
 * Their guards refuse them all the same when issued.
 */
export function offeredCommands(c: CaseRecord, actor: Actor): CommandName[] {
  return allowedCommands(c, actor).filter((name) => definitionOf(name).appliesTo?.(c) ?? true);
}
