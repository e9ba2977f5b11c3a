import { useTranslation } from 'react-i18next';
import type { Organization } from '../../shared/api/contract';
import { categoryLabel } from '../../shared/domain/categories';
import { useLive } from './store';

const EMPTY: Organization = { departments: [], staff: [], customCategories: [], retiredCategories: [] };

/** The branch's departments, staff and categories, live (an empty organization until it loads). */
export function useOrganization(): Organization {
  const org = useLive('org.get', {});
  return org?.ok ? org.value : EMPTY;
}

/** Labels categories the way this branch names them. */
export function useCategoryLabel(): (id: string) => string {
  const { t } = useTranslation();
  const org = useOrganization();
  return (id) => categoryLabel(id, org, t);
}
