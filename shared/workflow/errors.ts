/** A rule the domain refuses, as a code and an i18n message key (translated at the edge). */
export interface DomainError {
  code: 'unauthenticated' | 'forbidden' | 'invalid_state' | 'incomplete' | 'invalid_input' | 'not_found' | 'conflict' | 'internal';
  message: string;
  params?: Record<string, string | number>;
  /** Per-field messages, at their paths in the request (`command.payload.complainant.phone`). */
  issues?: { path: string; key: string }[];
}

export function domainError(code: DomainError['code'], message: string, params?: DomainError['params']): DomainError {
  return params ? { code, message, params } : { code, message };
}
