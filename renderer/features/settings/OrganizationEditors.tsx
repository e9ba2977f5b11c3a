import { Button, Chip, IconButton, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffMember } from '../../../shared/api/contract';
import { ROLES } from '../../../shared/domain/enums';

/** The branch's departments as chips; Enter in the name field adds one. Used at first run and in settings. */
export function DepartmentsEditor({ value, onChange }: { value: string[]; onChange: (next: string[]) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const add = () => {
    const trimmed = name.trim();
    if (trimmed && !value.includes(trimmed)) onChange([...value, trimmed]);
    setName('');
  };
  return (
    <>
      <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', gap: 1, mb: 2 }} aria-label={t('settings.departments')} role="list">
        {value.map((d) => (
          <Chip role="listitem" key={d} label={d} onDelete={() => onChange(value.filter((x) => x !== d))} />
        ))}
      </Stack>
      <Stack direction="row" spacing={1} sx={{ mb: 2 }}>
        <TextField
          size="small"
          label={t('settings.newDepartment')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <Button onClick={add}>{t('settings.addDepartment')}</Button>
      </Stack>
    </>
  );
}

/**
 * Staff rows (id, name, role), each control labelled with its row number. `you`, at first run, is
 * the person setting the branch up: listed first, as typed above, and not edited here.
 */
export function StaffEditor({
  value,
  onChange,
  you,
}: {
  value: StaffMember[];
  onChange: (next: StaffMember[]) => void;
  you?: StaffMember;
}) {
  const { t } = useTranslation();
  const setMember = (i: number, patch: Partial<StaffMember>) => onChange(value.map((m, k) => (k === i ? { ...m, ...patch } : m)));
  return (
    <>
      <Table size="small" aria-label={t('settings.staff')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('settings.staffId')}</TableCell>
            <TableCell>{t('settings.staffName')}</TableCell>
            <TableCell>{t('settings.role')}</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {you && (
            <TableRow>
              <TableCell sx={{ fontFamily: 'monospace' }}>{you.id || '—'}</TableCell>
              <TableCell>{t('setup.you', { name: you.name || you.id || '—' })}</TableCell>
              <TableCell>{t(`role.${you.role}`)}</TableCell>
              <TableCell />
            </TableRow>
          )}
          {value.map((m, i) => (
            <TableRow key={i}>
              <TableCell>
                <TextField
                  size="small"
                  value={m.id}
                  onChange={(e) => setMember(i, { id: e.target.value })}
                  slotProps={{ htmlInput: { 'aria-label': `${t('settings.staffId')} ${i + 1}` } }}
                />
              </TableCell>
              <TableCell>
                <TextField
                  size="small"
                  value={m.name}
                  onChange={(e) => setMember(i, { name: e.target.value })}
                  slotProps={{ htmlInput: { 'aria-label': `${t('settings.staffName')} ${i + 1}` } }}
                />
              </TableCell>
              <TableCell>
                <TextField
                  size="small"
                  select
                  value={m.role}
                  onChange={(e) => setMember(i, { role: e.target.value as StaffMember['role'] })}
                  slotProps={{ select: { native: true }, htmlInput: { 'aria-label': `${t('settings.role')} ${i + 1}` } }}
                >
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {t(`role.${r}`)}
                    </option>
                  ))}
                </TextField>
              </TableCell>
              <TableCell>
                <IconButton
                  aria-label={`${t('settings.remove')} ${m.id || i + 1}`}
                  onClick={() => onChange(value.filter((_, k) => k !== i))}
                >
                  ×
                </IconButton>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Button sx={{ mt: 1 }} onClick={() => onChange([...value, { id: '', name: '', role: 'handler' }])}>
        {t('settings.addStaff')}
      </Button>
    </>
  );
}
