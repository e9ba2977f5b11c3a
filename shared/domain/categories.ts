import type { ProfileId } from './enums';
import { PROFILES } from './profiles';

export interface CustomCategory {
  id: string;
  label: string;
}

/** The part of the branch's organization that shapes its categories. */
export interface CategorySettings {
  customCategories: readonly CustomCategory[];
  retiredCategories: readonly string[];
}

/** Every category a case of this branch may carry: the profile's and the branch's own, retired or not. */
export function allCategories(profileId: ProfileId, settings: CategorySettings): string[] {
  return [...PROFILES[profileId].categories, ...settings.customCategories.map((c) => c.id)];
}

/** The categories offered at intake, in the order the clerk sees them. */
export function activeCategories(profileId: ProfileId, settings: CategorySettings): string[] {
  const retired = new Set(settings.retiredCategories);
  return allCategories(profileId, settings).filter((c) => !retired.has(c));
}

/** A fresh id for a branch category: `custom_<n>`, never one already used. */
export function nextCustomCategoryId(settings: CategorySettings): string {
  const used = new Set(settings.customCategories.map((c) => c.id));
  let n = settings.customCategories.length + 1;
  while (used.has(`custom_${n}`)) n++;
  return `custom_${n}`;
}

/** The label of a category: the branch's own text for its categories, else the catalog's `category.<id>`. */
export function categoryLabel(id: string, settings: CategorySettings, translate: (key: string) => string): string {
  return settings.customCategories.find((c) => c.id === id)?.label ?? translate(`category.${id}`);
}
