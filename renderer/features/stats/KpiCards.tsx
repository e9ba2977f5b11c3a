import { Card, CardContent, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { KPI_IDS, type Kpis } from '../../../shared/stats/kpis';
import { amount, percent } from './format';

/** The three indicators, each with what it was divided from and its definition beside it. */
export function KpiCards({ kpis, hasAcceptanceClock }: { kpis: Kpis; hasAcceptanceClock: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
      {KPI_IDS.map((id) => {
        const kpi = kpis[id];
        const titleId = `kpi-${id}`;
        return (
          <Card key={id} variant="outlined" component="section" aria-labelledby={titleId} sx={{ flex: 1 }}>
            <CardContent>
              <Typography id={titleId} variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
                {t(`stats.kpi.${id}`)}
              </Typography>
              <Typography variant="h4" component="p" data-testid={`kpi-${id}`}>
                {percent(i18n.language, kpi, t('stats.kpi.none'))}
              </Typography>
              <Typography variant="body2" color="text.secondary">
                {id === 'onTimeAcceptance' && !hasAcceptanceClock
                  ? t('stats.kpi.noClock')
                  : t('stats.kpi.fraction', { numerator: amount(kpi.numerator), denominator: kpi.denominator })}
              </Typography>
              <Typography variant="body2" sx={{ mt: 1 }}>
                {t(`stats.kpi.${id}.definition`)}
              </Typography>
            </CardContent>
          </Card>
        );
      })}
    </Stack>
  );
}
