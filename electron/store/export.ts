import Dexie from 'dexie';
import type { z } from 'zod';
import type { ExportProgressState, ExportResult, methods } from '../../shared/api/contract';
import { dayIndexOfDate, dayIndexStart } from '../../shared/deadlines/calendar';
import type { Actor, CaseRecord } from '../../shared/domain/case';
import { buildExportFile, ExportBuildError } from '../../shared/export/build';
import { exportFileName, MAX_EXPORT_CASES } from '../../shared/export/format';
import { translate } from '../../shared/i18n/translate';
import { hmacSignature } from '../../shared/sync/protocol';
import { fail, requireSupervisor, type StoreContext } from './context';
import { reportsToExport } from './monthReport';
import { caseEntries, storedEnrolment } from './sync/source';

/** How far the file being written is, in the meta table: a live query shows it while it grows. */
export const META_EXPORT_PROGRESS = 'exportProgress';
/** A period may span at most this many days. */
const MAX_PERIOD_DAYS = 366;
const ENTRY_PAGE = 200;

/**
 * Who signs the manifest (docs/export-file.md): the browser edition's host holds the secret and
 * signs itself; the desktop's main holds it (safeStorage) and passes this capability to its host.
 */
export type ExportSigner = (canonicalManifest: string) => Promise<string>;

export interface ExportOptions {
  appVersion: string;
  sign?: ExportSigner;
}

/**
 * The archived cases of a period: archived in it, or changed in it after being archived (the
 * customer's signed form scanned later), so head office always gets the newest version.
 */
export async function archivedIn(ctx: StoreContext, from: number, to: number): Promise<CaseRecord[]> {
  const inPeriod = (at: number | null | undefined) => typeof at === 'number' && at >= from && at < to;
  const cases = await ctx.db.cases
    .where('[state+nextDueAt]')
    .between(['archived', Dexie.minKey], ['archived', Dexie.maxKey], true, true)
    .filter((c) => inPeriod(c.archivedAt) || (inPeriod(c.updatedAt) && (c.archivedAt ?? Infinity) < to))
    .toArray();
  return cases.sort((a, b) => (a.archivedAt ?? 0) - (b.archivedAt ?? 0) || a.caseNo.localeCompare(b.caseNo));
}

function periodRange(from: string, to: string): [number, number] {
  const [a, b] = [dayIndexOfDate(from), dayIndexOfDate(to)];
  if (b < a || b - a >= MAX_PERIOD_DAYS) fail('invalid_input', 'errors.export.period');
  return [dayIndexStart(a), dayIndexStart(b + 1)];
}

async function signerFor(ctx: StoreContext, options: ExportOptions | null): Promise<ExportSigner> {
  const enrolment = await storedEnrolment(ctx);
  if (!enrolment) fail('invalid_state', 'errors.export.notEnrolled');
  if (options?.sign) return options.sign;
  const { secret } = enrolment;
  if (!secret) fail('invalid_state', 'errors.export.signer');
  return async (text) => hmacSignature(secret, text);
}

async function saveProgress(ctx: StoreContext, progress: ExportProgressState | null): Promise<void> {
  if (progress) await ctx.db.meta.put({ key: META_EXPORT_PROGRESS, value: progress });
  else await ctx.db.meta.delete(META_EXPORT_PROGRESS);
}

export async function exportProgress(ctx: StoreContext): Promise<ExportProgressState | null> {
  return ((await ctx.db.meta.get(META_EXPORT_PROGRESS))?.value as ExportProgressState | undefined) ?? null;
}

/** 'export.build': the export file of a period, signed; a supervisor's, and only once enrolled. */
export async function buildExport(
  ctx: StoreContext,
  { from, to, language }: z.output<(typeof methods)['export.build']>,
  actor: Actor,
  options: ExportOptions | null,
): Promise<ExportResult> {
  requireSupervisor(actor, 'errors.export.supervisorOnly');
  if (!ctx.branch) fail('invalid_state', 'errors.branch.notConfigured');
  const sign = await signerFor(ctx, options);
  const [start, end] = periodRange(from, to);
  const cases = await archivedIn(ctx, start, end);
  const reports = await reportsToExport(ctx, from.slice(0, 7), to.slice(0, 7));
  if (cases.length === 0 && reports.length === 0) fail('invalid_state', 'errors.export.noCases');
  if (cases.length > MAX_EXPORT_CASES) fail('invalid_input', 'errors.export.tooMany', { count: cases.length });
  const entries = [];
  for (let i = 0; i < cases.length; i += ENTRY_PAGE)
    entries.push(
      ...(await caseEntries(
        ctx,
        cases.slice(i, i + ENTRY_PAGE).map((c) => c.id),
      )),
    );

  const startedAt = ctx.now();
  let shown = -1;
  try {
    const { bytes, manifest } = await buildExportFile({
      fileId: crypto.randomUUID(),
      branch: ctx.branch.branchCode,
      period: { from, to },
      createdAt: startedAt,
      appVersion: options?.appVersion ?? '0.0.0',
      entries,
      reports,
      attachment: async (id) => (await ctx.db.attachments.get(id))?.bytes ?? null,
      sign,
      translate: (key) => translate(language, key),
      categories: ctx.organization,
      // At most about a hundred writes, whatever the number of cases.
      onProgress: async ({ done, total }) => {
        const percent = Math.floor((done * 100) / total);
        if (percent === shown && done !== total) return;
        shown = percent;
        await saveProgress(ctx, { done, total, startedAt });
      },
    });
    return {
      fileName: exportFileName(manifest.branch, from, to),
      bytes,
      cases: manifest.counts.cases,
      attachments: manifest.counts.attachments,
    };
  } catch (thrown) {
    if (thrown instanceof ExportBuildError && thrown.code === 'attachment_missing')
      fail('invalid_state', 'errors.export.attachmentMissing', { detail: thrown.detail });
    throw thrown;
  } finally {
    await saveProgress(ctx, null);
  }
}
