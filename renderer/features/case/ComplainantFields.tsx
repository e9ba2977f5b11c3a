import { Box, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../shared/domain/case';
import { isAnonymous } from '../../../shared/domain/contact';
import { knownIdType, maskIdNumber } from '../../../shared/domain/idNumber';

/**
 * Who complained and how to reach them, as grid cells of the case page: an anonymous report says
 * so instead; an identity document shows its type and its number masked (110105********002X).
 * The full number is seen only in the correction dialog, to correct it.
 */
export function ComplainantFields({ record: c }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const person = c.complainant;
  if (isAnonymous(person)) return <Cell label={t('intake.name')} value={t('case.anonymousName')} />;
  const idType = knownIdType(person.idType ?? 'resident_id');
  const idNumber = person.idNumber ? `${t(`idType.${idType}`)} ${maskIdNumber(idType, person.idNumber)}` : '';
  return (
    <>
      <Cell label={t('intake.name')} value={person.name} />
      <Cell label={t('intake.phone')} value={person.phone} />
      <Cell label={t(`field.address.${c.profileId === 'property' ? 'property' : 'general'}`)} value={person.address} />
      <Cell label={t('intake.email')} value={person.email ?? ''} />
      <Cell label={t('case.idDocument')} value={idNumber} />
    </>
  );
}

function Cell({ label, value }: { label: string; value: string }) {
  return (
    <Box>
      <Typography variant="caption" color="text.secondary" component="p">
        {label}
      </Typography>
      <Typography variant="body1" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {value || '—'}
      </Typography>
    </Box>
  );
}
