import type { z } from 'zod';

/** Zod issues as field paths and i18n keys. Our schemas put the key in each issue's message. */
export function zodIssues(error: z.ZodError, prefix = ''): { path: string; key: string; params?: Record<string, number | string> }[] {
  return error.issues.map((issue) => {
    const key = issue.message.startsWith('errors.') ? issue.message : 'errors.request.invalid';
    const params: Record<string, number | string> = {};
    const maybeParams = (issue as { params?: Record<string, unknown> }).params;
    if (maybeParams) for (const [k, v] of Object.entries(maybeParams)) if (typeof v === 'number' || typeof v === 'string') params[k] = v;
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    return Object.keys(params).length ? { path, key, params } : { path, key };
  });
}
