/**
 * Resolves in a later task (not a microtask): requests reach the host as message events, which are
 * tasks, so long work that awaits this between its steps lets them be answered in between.
 */
export const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
