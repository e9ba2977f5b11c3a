import { Alert, Box, Button, LinearProgress, Paper, Stack, Typography } from '@mui/material';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../../shared/api/contract';
import { chinaDate } from '../../../shared/deadlines/calendar';
import { ChinaDateField } from '../../app/pickers';
import { useChinaTime } from '../../app/chinaTime';
import { useCategoryLabel, useOrganization } from '../../app/organization';
import { useStore } from '../../app/store';
import { monthPeriod, previousMonth } from '../settings/exportPeriod';
import { CountChart } from './CountChart';
import { GroupTable } from './GroupTable';
import { KpiCards } from './KpiCards';
import { OverdueList } from './OverdueList';
import { TrendCharts } from './TrendCharts';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper component="section" variant="outlined" aria-labelledby={id} sx={{ p: 2 }}>
      <Typography id={id} variant="h6" component="h2" gutterBottom>
        {title}
      </Typography>
      {children}
    </Paper>
  );
}

/**
 * The statistics dashboard (R8.1/R8.2; docs/statistics.md), for supervisors: a period of days
 * (this month at first), the three indicators with their definitions, counts as bar charts, trends
 * as line charts, the indicators per department and handler, and the overdue cases.
 */
export function StatsScreen({ onOpen, now = Date.now }: { onOpen: (caseId: string) => void; now?: () => number }) {
  const { t } = useTranslation();
  const { api, envelope } = useStore();
  const time = useChinaTime();
  const categoryLabel = useCategoryLabel();
  const org = useOrganization();
  const [period, setPeriod] = useState(() => monthPeriod(chinaDate(now()).slice(0, 7)));
  const [asked, setAsked] = useState(0);
  const [result, setResult] = useState<{ dashboard: Dashboard } | { error: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!period.from || !period.to) return;
    let current = true;
    setBusy(true);
    void api
      .call('stats.dashboard', period, envelope)
      .then((r) => current && setResult(r.ok ? { dashboard: r.value } : { error: r.error.message }))
      .catch((thrown: unknown) => current && setResult({ error: String(thrown) }))
      .finally(() => current && setBusy(false));
    return () => {
      current = false;
    };
  }, [api, envelope, period, asked]);

  const staffName = (id: string) => {
    const member = org.staff.find((s) => s.id === id);
    return member ? `${member.name}（${id}）` : id;
  };
  const thisMonth = chinaDate(now()).slice(0, 7);
  const d = result && 'dashboard' in result ? result.dashboard : null;

  return (
    <Box sx={{ maxWidth: 1400, mx: 'auto' }}>
      <Typography variant="h5" component="h1" gutterBottom>
        {t('stats.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {t('stats.intro')}
      </Typography>
      <Stack
        component="form"
        direction="row"
        spacing={2}
        useFlexGap
        aria-label={t('stats.period')}
        sx={{ alignItems: 'center', flexWrap: 'wrap', mb: 2 }}
        onSubmit={(e) => {
          e.preventDefault();
          setAsked((n) => n + 1);
        }}
      >
        <ChinaDateField
          label={t('stats.from')}
          value={period.from}
          onChange={(from) => setPeriod((p) => ({ ...p, from }))}
          size="small"
          width={190}
        />
        <ChinaDateField
          label={t('stats.to')}
          value={period.to}
          onChange={(to) => setPeriod((p) => ({ ...p, to }))}
          size="small"
          width={190}
        />
        <Button variant="outlined" onClick={() => setPeriod(monthPeriod(thisMonth))}>
          {t('stats.thisMonth')}
        </Button>
        <Button variant="outlined" onClick={() => setPeriod(monthPeriod(previousMonth(thisMonth)))}>
          {t('stats.lastMonth')}
        </Button>
        <Button type="submit" variant="contained" disabled={busy}>
          {t('stats.refresh')}
        </Button>
      </Stack>
      {busy && <LinearProgress aria-label={t('stats.loading')} sx={{ mb: 1 }} />}
      {result && 'error' in result && (
        <Alert severity="error" role="alert" sx={{ mb: 2 }}>
          {result.error}
        </Alert>
      )}
      {d && (
        <Stack spacing={2}>
          <Typography variant="body1" role="status">
            {d.received === 0 ? t('stats.empty') : t('stats.summary', { received: d.received, closed: d.closed, at: time(d.at) })}
          </Typography>
          <Section id="stats-kpis" title={t('stats.kpis')}>
            <KpiCards kpis={d.kpis} hasAcceptanceClock={d.hasAcceptanceClock} />
          </Section>
          <Section id="stats-counts" title={t('stats.counts')}>
            <Box sx={{ display: 'grid', gap: 3, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr', xl: '1fr 1fr 1fr' } }}>
              <CountChart title={t('stats.byCategory')} counts={d.byCategory} label={categoryLabel} />
              <CountChart title={t('stats.byChannel')} counts={d.byChannel} label={(k) => t(`channel.${k}`)} />
              <CountChart title={t('stats.bySeverity')} counts={d.bySeverity} label={(k) => t(`severity.${k}`)} />
              <CountChart
                title={t('stats.byOutcome')}
                counts={d.byOutcome}
                label={(k) => (k === 'none' ? t('stats.outcome.none') : t(`satisfaction.${k}`))}
              />
              <CountChart
                title={t('stats.byResponsibility')}
                counts={d.byResponsibility}
                label={(k) => (k === 'none' ? t('stats.responsibility.none') : t(`responsibility.${k}`))}
              />
            </Box>
          </Section>
          <Section id="stats-trends" title={t('stats.trends')}>
            <TrendCharts trends={d.trends} />
          </Section>
          <Section id="stats-departments" title={t('stats.byDepartment')}>
            <GroupTable title={t('stats.byDepartment')} column={t('stats.department')} groups={d.byDepartment} name={(k) => k} />
          </Section>
          <Section id="stats-staff" title={t('stats.byStaff')}>
            <GroupTable title={t('stats.byStaff')} column={t('stats.staff')} groups={d.byStaff} name={staffName} />
          </Section>
          <Section id="stats-overdue" title={t('stats.overdue')}>
            <OverdueList overdue={d.overdue} staffName={staffName} onOpen={onOpen} />
          </Section>
        </Stack>
      )}
    </Box>
  );
}
