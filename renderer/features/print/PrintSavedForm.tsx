import type { Branch } from '../../../shared/api/contract';
import { useLive } from '../../app/store';
import { PrintDialog } from './PrintDialog';

/** "Print the form" right after intake: the registration form of the case just saved. */
export function PrintSavedForm({ caseId, branch, onClose }: { caseId: string; branch: Branch; onClose: () => void }) {
  const detail = useLive('cases.get', { caseId });
  if (!detail?.ok) return null;
  return <PrintDialog document="registration" detail={detail.value} branch={branch} onClose={onClose} />;
}
