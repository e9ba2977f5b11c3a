import type { FastifyReply } from 'fastify';

/** Pages load their stylesheet and images from head office itself, and nothing else: no script at all. */
export const PAGE_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
/** An attachment is never a document of the site: nothing in it runs, even when opened directly. */
export const ATTACHMENT_CSP = "default-src 'none'; sandbox; frame-ancestors 'none'";

/** Headers on every response of the HQ page (a route may have set a stricter policy already). */
export function setSecurityHeaders(reply: FastifyReply): void {
  if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', PAGE_CSP);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('x-frame-options', 'DENY');
  reply.header('cross-origin-opener-policy', 'same-origin');
  reply.header('cross-origin-resource-policy', 'same-origin');
  // Pages hold personal data: no copy in any cache. The stylesheet may be cached.
  if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
}

/** Content-Disposition with the file's own name (RFC 6266/5987) and a plain-ASCII fallback. */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100) || 'file';
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
