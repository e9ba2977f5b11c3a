import type { CaseRecord } from '../domain/case';
import type { AppealOutcome, Measure, ResponsibilityKind } from '../domain/enums';

/** Where an appeal stands: none filed, filed and waiting, or decided. */
export type AppealStatus = 'none' | 'pending' | AppealOutcome;

/** One accountability record on the sheet, with its case. */
export interface ScoreLine {
  caseId: string;
  caseNo: string;
  entry: number;
  staffId: string;
  staffName: string;
  department: string;
  kind: ResponsibilityKind;
  measure: Measure;
  proposed: number;
  points: number;
  reason: string;
  at: number;
  appealDueAt: number;
  appeal: AppealStatus;
}

export interface ScoreTotal {
  records: number;
  points: number;
}

/** The score sheet of a period (R8.3): every record in it, and the totals per staff member and per department. */
export interface ScoreSheet {
  from: string;
  to: string;
  lines: ScoreLine[];
  staff: (ScoreTotal & { staffId: string; staffName: string })[];
  departments: (ScoreTotal & { department: string })[];
  total: ScoreTotal;
}

export function appealStatus(a: CaseRecord['accountability'][number]): AppealStatus {
  if (!a.appeal) return 'none';
  return a.decision ? a.decision.outcome : 'pending';
}

/** The records of these cases as lines, oldest first, with staff names from the organization ('' when unknown). */
export function scoreLines(cases: readonly CaseRecord[], names: ReadonlyMap<string, string>): ScoreLine[] {
  return cases
    .flatMap((c) =>
      c.accountability.map((a) => ({
        caseId: c.id,
        caseNo: c.caseNo,
        entry: a.entry,
        staffId: a.staffId,
        staffName: names.get(a.staffId) ?? '',
        department: a.department,
        kind: a.kind,
        measure: a.measure,
        proposed: a.proposed,
        points: a.points,
        reason: a.reason,
        at: a.at,
        appealDueAt: a.appealDueAt,
        appeal: appealStatus(a),
      })),
    )
    .sort((x, y) => x.at - y.at || x.caseNo.localeCompare(y.caseNo) || x.entry - y.entry);
}

function add(total: ScoreTotal, line: ScoreLine): void {
  total.records += 1;
  total.points += line.points;
}

/**
 * The sheet of the lines recorded in [fromAt, toAt): totals per staff member (most points first,
 * then by ID) and per department (the case's department when recorded), and the grand total.
 */
export function scoreSheet(lines: readonly ScoreLine[], period: { from: string; to: string; fromAt: number; toAt: number }): ScoreSheet {
  const inPeriod = lines.filter((l) => l.at >= period.fromAt && l.at < period.toAt);
  const staff = new Map<string, ScoreSheet['staff'][number]>();
  const departments = new Map<string, ScoreSheet['departments'][number]>();
  const total: ScoreTotal = { records: 0, points: 0 };
  for (const line of inPeriod) {
    const s = staff.get(line.staffId) ?? { staffId: line.staffId, staffName: line.staffName, records: 0, points: 0 };
    add(s, line);
    staff.set(line.staffId, s);
    const d = departments.get(line.department) ?? { department: line.department, records: 0, points: 0 };
    add(d, line);
    departments.set(line.department, d);
    add(total, line);
  }
  const byPoints =
    <T extends ScoreTotal>(key: (x: T) => string) =>
    (a: T, b: T) =>
      b.points - a.points || key(a).localeCompare(key(b));
  return {
    from: period.from,
    to: period.to,
    lines: inPeriod,
    staff: [...staff.values()].sort(byPoints((s) => s.staffId)),
    departments: [...departments.values()].sort(byPoints((d) => d.department)),
    total,
  };
}
