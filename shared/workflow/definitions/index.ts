import { acknowledgeEscalation } from './acknowledgeEscalation';
import { addEvidence } from './addEvidence';
import { addInvestigationNote } from './addInvestigationNote';
import { appealAccountability } from './appealAccountability';
import { approvePlan } from './approvePlan';
import { archive } from './archive';
import { assign } from './assign';
import { closeAtCounter } from './closeAtCounter';
import { closeWithoutCallback } from './closeWithoutCallback';
import { decideAccountabilityAppeal } from './decideAccountabilityAppeal';
import { fileAppeal } from './fileAppeal';
import { linkCase } from './linkCase';
import { markInvalid } from './markInvalid';
import { progressCall } from './progressCall';
import { recordAccountability } from './recordAccountability';
import { proposePlan } from './proposePlan';
import { recordCallback } from './recordCallback';
import { recordEmergencyStep } from './recordEmergencyStep';
import { recordHandling } from './recordHandling';
import { rejectPlan } from './rejectPlan';
import { startInvestigation } from './startInvestigation';
import { tellResult } from './tellResult';
import { update } from './update';

/**
 * Every workflow command, in the order the case page offers them. A command not listed here does
 * not exist: adding one is its definition file, its entry here, and its translations.
 */
const DEFINITIONS = [
  acknowledgeEscalation,
  update,
  assign,
  closeAtCounter,
  markInvalid,
  recordEmergencyStep,
  startInvestigation,
  addInvestigationNote,
  progressCall,
  proposePlan,
  approvePlan,
  rejectPlan,
  recordHandling,
  tellResult,
  recordCallback,
  closeWithoutCallback,
  fileAppeal,
  addEvidence,
  linkCase,
  archive,
  recordAccountability,
  appealAccountability,
  decideAccountabilityAppeal,
] as const;

type Definition = (typeof DEFINITIONS)[number];

/** The definitions by their own names, so a key and its command's name cannot disagree. */
export const COMMANDS = Object.fromEntries(DEFINITIONS.map((d) => [d.name, d])) as { [D in Definition as D['name']]: D };
