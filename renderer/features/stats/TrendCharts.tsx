import { Box, Stack, ToggleButton, ToggleButtonGroup } from '@mui/material';
import { LineChart } from '@mui/x-charts/LineChart';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../../shared/api/contract';
import { KPI_IDS } from '../../../shared/stats/kpis';
import { ChartFigure } from './ChartFigure';
import { percentPoints } from './format';

/** Received and closed cases, and the three indicators, by ISO week or by month. */
export function TrendCharts({ trends }: { trends: Dashboard['trends'] }) {
  const { t } = useTranslation();
  const [unit, setUnit] = useState<'weeks' | 'months'>('weeks');
  const points = trends[unit];
  const labels = points.map((p) => p.label);
  const none = t('stats.kpi.none');
  return (
    <Box>
      <ToggleButtonGroup
        exclusive
        size="small"
        value={unit}
        onChange={(_, v: 'weeks' | 'months' | null) => v && setUnit(v)}
        aria-label={t('stats.trends.by')}
        sx={{ mb: 1 }}
      >
        <ToggleButton value="weeks">{t('stats.trends.weeks')}</ToggleButton>
        <ToggleButton value="months">{t('stats.trends.months')}</ToggleButton>
      </ToggleButtonGroup>
      <Stack direction={{ xs: 'column', lg: 'row' }} spacing={3}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <ChartFigure
            title={t('stats.trends.counts')}
            table={{
              columns: [t('stats.trends.period'), t('stats.received'), t('stats.closed')],
              rows: points.map((p) => [p.label, p.received, p.closed]),
            }}
          >
            <LineChart
              height={240}
              skipAnimation
              xAxis={[{ scaleType: 'point', data: labels, tickLabelInterval: () => true, tickLabelStyle: { fontSize: 11 } }]}
              yAxis={[{ tickMinStep: 1, width: 36 }]}
              series={[
                { data: points.map((p) => p.received), label: t('stats.received'), curve: 'linear', showMark: true },
                { data: points.map((p) => p.closed), label: t('stats.closed'), curve: 'linear', showMark: true },
              ]}
            />
          </ChartFigure>
        </Box>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <ChartFigure
            title={t('stats.trends.kpis')}
            table={{
              columns: [t('stats.trends.period'), ...KPI_IDS.map((id) => t(`stats.kpi.${id}`))],
              rows: points.map((p) => [p.label, ...KPI_IDS.map((id) => percentPoints(p.kpis[id]) ?? none)]),
            }}
          >
            <LineChart
              height={240}
              skipAnimation
              xAxis={[{ scaleType: 'point', data: labels, tickLabelInterval: () => true, tickLabelStyle: { fontSize: 11 } }]}
              yAxis={[{ min: 0, max: 100, width: 36 }]}
              series={KPI_IDS.map((id) => ({
                data: points.map((p) => percentPoints(p.kpis[id])),
                label: t(`stats.kpi.${id}`),
                connectNulls: true,
                curve: 'linear' as const,
                showMark: true,
              }))}
            />
          </ChartFigure>
        </Box>
      </Stack>
    </Box>
  );
}
