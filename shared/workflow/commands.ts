import type { z } from 'zod';
import { COMMANDS } from './definitions';

export { ATTACHMENT_KINDS, ATTACHMENT_TYPES, attachmentKindsIn, MAX_ATTACHMENT_BYTES } from './definitions/addEvidence';

type Commands = typeof COMMANDS;
export type CommandName = keyof Commands;
export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

/** Payload schema of every workflow command, as its definition declares it. */
export const commandSchemas = Object.fromEntries(COMMAND_NAMES.map((name) => [name, COMMANDS[name].schema])) as {
  [C in CommandName]: Commands[C]['schema'];
};

export type CommandPayload<C extends CommandName> = z.output<(typeof commandSchemas)[C]>;
export type CommandInput<C extends CommandName> = z.input<(typeof commandSchemas)[C]>;

export type Command = { [C in CommandName]: { name: C; payload: CommandPayload<C> } }[CommandName];
