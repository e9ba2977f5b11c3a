import type { CaseRecord, Intake } from './case';
import type { ProfileId } from './enums';
import { GENESIS_HASH } from '../ledger/eventHash';

/** A freshly registered case: the intake plus empty later stages. The store adds the first event. */
export function newCaseRecord(args: {
  id: string;
  caseNo: string;
  branchCode: string;
  profileId: ProfileId;
  intake: Intake;
  now: number;
}): CaseRecord {
  return {
    id: args.id,
    caseNo: args.caseNo,
    branchCode: args.branchCode,
    profileId: args.profileId,
    state: 'registered',
    version: 1,
    ...args.intake,
    closingExplanation: '',
    assignments: [],
    assigneeId: '',
    investigationNotes: [],
    evidence: [],
    progressCalls: [],
    validity: null,
    plan: null,
    approvals: [],
    result: null,
    resultTold: null,
    callbacks: [],
    satisfaction: null,
    appeal: null,
    accountability: [],
    relatedCaseIds: [],
    escalation: null,
    emergencySteps: [],
    nextDueAt: Number.POSITIVE_INFINITY,
    createdAt: args.now,
    updatedAt: args.now,
    closedAt: null,
    archivedAt: null,
    ledgerHead: { seq: 0, hash: GENESIS_HASH },
  };
}
