import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../shared/domain/case';
import { isAnonymous } from '../../../shared/domain/contact';
import { knownIdType, maskIdNumber } from '../../../shared/domain/idNumber';
import { PROFILES } from '../../../shared/domain/profiles';
import { Field } from './Field';

/**
 * Who complained and how to reach them, as grid cells of the case page: an anonymous report says
 * so instead; an identity document shows its type and its number masked (110105********002X).
 * The full number is seen only in the correction dialog, to correct it.
 */
export function ComplainantFields({ record: c }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const person = c.complainant;
  if (isAnonymous(person)) return <Field label={t('intake.name')} value={t('case.anonymousName')} />;
  const idType = knownIdType(person.idType ?? 'resident_id');
  const idNumber = person.idNumber ? `${t(`idType.${idType}`)} ${maskIdNumber(idType, person.idNumber)}` : '';
  return (
    <>
      <Field label={t('intake.name')} value={person.name} />
      <Field label={t('intake.phone')} value={person.phone} />
      <Field label={t(PROFILES[c.profileId].addressLabel)} value={person.address} />
      <Field label={t('intake.email')} value={person.email ?? ''} />
      <Field label={t('case.idDocument')} value={idNumber} />
    </>
  );
}
