/** What pgliteWorker.ts (HQ's thread) and pgliteThread.ts (PGlite's thread) say to each other. */
export type ThreadRequest =
  { id: number; op: 'query'; sql: string; params?: unknown[] } | { id: number; op: 'exec'; sql: string } | { id: number; op: 'close' };

/** Id 0 answers the thread's start: PGlite open, or why not. */
export type ThreadReply =
  | { id: number; ok: true; rows: Record<string, unknown>[]; rowCount: number }
  | { id: number; ok: false; error: { message: string; name?: string; code?: string; [field: string]: unknown } };
