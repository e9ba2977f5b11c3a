import { Alert, Box, Button, Link, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/api/contract';
import type { ScoreLine, ScoreSheet } from '../../../shared/accountability/scoreSheet';
import { chinaDate } from '../../../shared/deadlines/calendar';
import { isSupervisorRole } from '../../../shared/domain/enums';
import { isLocale } from '../../../shared/i18n/translate';
import { useChinaTime } from '../../app/chinaTime';
import { ChinaDateField } from '../../app/pickers';
import { useStore } from '../../app/store';
import { saveExportFile } from '../../bridge/saveFile';
import { monthPeriod } from '../settings/exportPeriod';
import { useStaffName } from './AccountabilityDetails';
import { printScoreSheet } from './printScoreSheet';

/** The lines of a record list or a score sheet; a case number opens its case. */
function LinesTable({ lines, label, onOpen }: { lines: readonly ScoreLine[]; label: string; onOpen: (caseId: string) => void }) {
  const { t } = useTranslation();
  const time = useChinaTime();
  const staffName = useStaffName();
  return (
    <Table size="small" aria-label={label}>
      <TableHead>
        <TableRow>
          <TableCell>{t('accountability.col.at')}</TableCell>
          <TableCell>{t('accountability.col.case')}</TableCell>
          <TableCell>{t('accountability.col.staff')}</TableCell>
          <TableCell>{t('accountability.col.kind')}</TableCell>
          <TableCell>{t('accountability.col.measure')}</TableCell>
          <TableCell align="right">{t('accountability.col.points')}</TableCell>
          <TableCell>{t('accountability.col.appealDueAt')}</TableCell>
          <TableCell>{t('accountability.col.appeal')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {lines.map((l) => (
          <TableRow key={`${l.caseId}-${l.entry}`}>
            <TableCell>{time(l.at)}</TableCell>
            <TableCell>
              <Link component="button" onClick={() => onOpen(l.caseId)} aria-label={t('accountability.open', { caseNo: l.caseNo })}>
                {l.caseNo}
              </Link>
            </TableCell>
            <TableCell>{staffName(l.staffId)}</TableCell>
            <TableCell>{t(`accountability.kind.${l.kind}`)}</TableCell>
            <TableCell>{t(`accountability.measure.${l.measure}`)}</TableCell>
            <TableCell align="right">{l.points}</TableCell>
            <TableCell>{time(l.appealDueAt)}</TableCell>
            <TableCell>{t(`forms.scoreSheet.status.${l.appeal}`)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** "My record": the signed-in staff member's accountability records, every period. */
function MyRecord({ onOpen }: { onOpen: (caseId: string) => void }) {
  const { t } = useTranslation();
  const { api, envelope } = useStore();
  const [lines, setLines] = useState<ScoreLine[] | null>(null);
  useEffect(() => {
    void api.call('accountability.mine', {}, envelope).then((r) => r.ok && setLines(r.value));
  }, [api, envelope]);
  if (!lines) return null;
  return (
    <Box component="section" aria-labelledby="my-record-title" sx={{ mb: 4 }}>
      <Typography id="my-record-title" variant="h6" component="h2" gutterBottom>
        {t('accountability.mine.title')}
      </Typography>
      {lines.length === 0 ? (
        <Typography variant="body2">{t('accountability.mine.empty')}</Typography>
      ) : (
        <>
          <Typography variant="body2" sx={{ mb: 1 }}>
            {t('accountability.mine.total', { points: lines.reduce((sum, l) => sum + l.points, 0) })}
          </Typography>
          <LinesTable lines={lines} label={t('accountability.mine.title')} onOpen={onOpen} />
        </>
      )}
    </Box>
  );
}

function TotalsTable({
  label,
  heading,
  rows,
  total,
}: {
  label: string;
  heading: string;
  rows: { key: string; name: string; records: number; points: number }[];
  total: ScoreSheet['total'];
}) {
  const { t } = useTranslation();
  return (
    <Table size="small" aria-label={label} sx={{ mb: 2, maxWidth: 640 }}>
      <TableHead>
        <TableRow>
          <TableCell>{heading}</TableCell>
          <TableCell align="right">{t('forms.scoreSheet.records')}</TableCell>
          <TableCell align="right">{t('forms.scoreSheet.points')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.key}>
            <TableCell>{r.name}</TableCell>
            <TableCell align="right">{r.records}</TableCell>
            <TableCell align="right">{r.points}</TableCell>
          </TableRow>
        ))}
        <TableRow>
          <TableCell component="th" scope="row" sx={{ fontWeight: 'bold' }}>
            {t('forms.scoreSheet.total')}
          </TableCell>
          <TableCell align="right">{total.records}</TableCell>
          <TableCell align="right">{total.points}</TableCell>
        </TableRow>
      </TableBody>
    </Table>
  );
}

/** The score sheet of a period, per staff member and per department (supervisors), with XLSX and print. */
function ScoreSheetSection({ onOpen, now }: { onOpen: (caseId: string) => void; now: () => number }) {
  const { t, i18n } = useTranslation();
  const { api, envelope } = useStore();
  const staffName = useStaffName();
  const [period, setPeriod] = useState(() => monthPeriod(chinaDate(now()).slice(0, 7)));
  const [sheet, setSheet] = useState<ScoreSheet | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const language = isLocale(i18n.language) ? i18n.language : 'zh-CN';

  const show = async () => {
    setError(null);
    setSaved(null);
    const r = await api.call('accountability.scoreSheet', period, envelope);
    setSheet(r.ok ? r.value : null);
    if (!r.ok) setError(r.error);
  };
  const save = async () => {
    setError(null);
    const r = await api.call('accountability.scoreSheetXlsx', { ...period, language }, envelope);
    if (!r.ok) return setError(r.error);
    if ((await saveExportFile(r.value.fileName, r.value.bytes)) === 'saved') setSaved(r.value.fileName);
  };
  const dept = (d: string) => (d === '' ? t('forms.scoreSheet.noDepartment') : d);

  return (
    <Box component="section" aria-labelledby="score-sheet-title">
      <Typography id="score-sheet-title" variant="h6" component="h2" gutterBottom>
        {t('accountability.sheet.title')}
      </Typography>
      <Stack
        component="form"
        direction="row"
        spacing={2}
        sx={{ alignItems: 'flex-start', flexWrap: 'wrap', gap: 1, mb: 2 }}
        aria-label={t('accountability.sheet.form')}
        onSubmit={(e) => {
          e.preventDefault();
          void show();
        }}
      >
        <ChinaDateField
          label={t('accountability.sheet.from')}
          value={period.from}
          onChange={(from) => setPeriod((p) => ({ ...p, from }))}
          size="small"
          width={200}
        />
        <ChinaDateField
          label={t('accountability.sheet.to')}
          value={period.to}
          onChange={(to) => setPeriod((p) => ({ ...p, to }))}
          size="small"
          width={200}
        />
        <Button type="submit" variant="contained">
          {t('accountability.sheet.show')}
        </Button>
        <Button variant="outlined" onClick={() => void save()}>
          {t('accountability.sheet.save')}
        </Button>
        <Button variant="outlined" disabled={!sheet} onClick={() => sheet && printScoreSheet(sheet, t, staffName)}>
          {t('accountability.sheet.print')}
        </Button>
      </Stack>
      {error && (
        <Alert severity="error" role="alert" sx={{ mb: 2 }}>
          {error.message}
        </Alert>
      )}
      {saved && (
        <Alert severity="success" role="status" sx={{ mb: 2 }}>
          {t('accountability.sheet.saved', { fileName: saved })}
        </Alert>
      )}
      {sheet && (
        <>
          <Typography variant="subtitle1" component="h3">
            {t('forms.scoreSheet.byStaff')}
          </Typography>
          <TotalsTable
            label={t('forms.scoreSheet.byStaff')}
            heading={t('forms.scoreSheet.staff')}
            rows={sheet.staff.map((s) => ({ key: s.staffId, name: staffName(s.staffId), records: s.records, points: s.points }))}
            total={sheet.total}
          />
          <Typography variant="subtitle1" component="h3">
            {t('forms.scoreSheet.byDepartment')}
          </Typography>
          <TotalsTable
            label={t('forms.scoreSheet.byDepartment')}
            heading={t('forms.scoreSheet.department')}
            rows={sheet.departments.map((d) => ({ key: d.department, name: dept(d.department), records: d.records, points: d.points }))}
            total={sheet.total}
          />
          <Typography variant="subtitle1" component="h3">
            {t('forms.scoreSheet.lines')}
          </Typography>
          {sheet.lines.length === 0 ? (
            <Typography variant="body2">{t('forms.scoreSheet.empty')}</Typography>
          ) : (
            <LinesTable lines={sheet.lines} label={t('forms.scoreSheet.lines')} onOpen={onOpen} />
          )}
        </>
      )}
    </Box>
  );
}

/** The accountability screen: everyone's own record; for supervisors, the score sheet. */
export function AccountabilityScreen({ onOpen, now = Date.now }: { onOpen: (caseId: string) => void; now?: () => number }) {
  const { t } = useTranslation();
  const { person } = useStore();
  return (
    <Paper component="section" sx={{ p: 3 }} aria-label={t('nav.accountability')}>
      <MyRecord onOpen={onOpen} />
      {isSupervisorRole(person.role) && <ScoreSheetSection onOpen={onOpen} now={now} />}
    </Paper>
  );
}
