/** Head office's queries over all branches' cases: the list, its filters and the counts. */
export {
  caseFilterSchema,
  casePageSchema,
  CASE_SORTS,
  COUNT_CAP,
  MAX_PAGE_SIZE,
  type CaseFilter,
  type CasePage,
  type CaseSort,
} from './filter';
export { listCases, type CaseList, type CaseListRow } from './list';
export { caseCounts, COUNT_DIMENSIONS, type CountDimension, type CountRow } from './counts';
export { OUTCOMES, type Outcome } from './columns';
export { caseQueryMessages } from './messages';
