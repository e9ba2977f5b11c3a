import { BarChart } from '@mui/x-charts/BarChart';
import { useTranslation } from 'react-i18next';
import { ChartFigure } from './ChartFigure';

/** Counts of one dimension as a bar chart, labelled in the screen's language, with its table. */
export function CountChart({ title, counts, label }: { title: string; counts: Record<string, number>; label: (key: string) => string }) {
  const { t } = useTranslation();
  const entries = Object.entries(counts);
  const labels = entries.map(([k]) => label(k));
  const values = entries.map(([, n]) => n);
  return (
    <ChartFigure title={title} table={{ columns: [title, t('stats.count')], rows: entries.map(([k, n]) => [label(k), n]) }}>
      <BarChart
        // Bars across, labels down the side: long labels (en) stay whole.
        layout="horizontal"
        height={Math.max(140, 36 * labels.length + 40)}
        skipAnimation
        hideLegend
        yAxis={[{ scaleType: 'band', data: labels, width: 140, tickLabelStyle: { fontSize: 12 } }]}
        xAxis={[{ tickMinStep: 1, height: 24 }]}
        series={[
          {
            data: values,
            label: t('stats.count'),
            barLabel: (item) => (item.value ? String(item.value) : null),
          },
        ]}
      />
    </ChartFigure>
  );
}
