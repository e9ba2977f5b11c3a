import { html, type Html } from './html';

export interface Bar {
  label: string;
  value: number;
}

const BAR_HEIGHT = 22;
const GAP = 6;
const LABEL_WIDTH = 180;
const PLOT_WIDTH = 360;
const VALUE_WIDTH = 60;

/**
 * A horizontal bar chart as inline SVG, drawn on the server: sizes are attributes and colours come
 * from hq.css classes (the Content-Security-Policy allows no inline style). Its accessible name is
 * `label`; the page shows the same numbers in a table.
 */
export function barChart(label: string, bars: Bar[]): Html {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH;
  const height = Math.max(1, bars.length) * (BAR_HEIGHT + GAP) + GAP;
  return html`<svg class="chart" role="img" aria-label="${label}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">
    ${bars.map((b, i) => {
      const y = GAP + i * (BAR_HEIGHT + GAP);
      const w = Math.round((b.value / max) * PLOT_WIDTH);
      return html`<text class="chart-label" x="${LABEL_WIDTH - 8}" y="${y + BAR_HEIGHT / 2}" text-anchor="end" dominant-baseline="middle"
          >${truncate(b.label, 16)}</text
        ><rect class="chart-bar" x="${LABEL_WIDTH}" y="${y}" width="${w}" height="${BAR_HEIGHT}" /><text
          class="chart-value"
          x="${LABEL_WIDTH + w + 6}"
          y="${y + BAR_HEIGHT / 2}"
          dominant-baseline="middle"
          >${b.value}</text
        >`;
    })}
  </svg>`;
}

const COLUMN_WIDTH = 44;
const TREND_HEIGHT = 200;
const AXIS = 40;

/** Months ('YYYY-MM') as columns left to right (a trend): its count above, month and year below. */
export function trendChart(label: string, bars: Bar[]): Html {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const width = Math.max(1, bars.length) * COLUMN_WIDTH + GAP;
  const height = TREND_HEIGHT + AXIS;
  const plot = TREND_HEIGHT - 20;
  return html`<svg class="chart" role="img" aria-label="${label}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">
    <line class="chart-axis" x1="0" y1="${TREND_HEIGHT}" x2="${width}" y2="${TREND_HEIGHT}" />
    ${bars.map((b, i) => {
      const h = Math.round((b.value / max) * plot);
      const x = GAP + i * COLUMN_WIDTH;
      const mid = x + (COLUMN_WIDTH - GAP) / 2;
      return html`<rect class="chart-bar" x="${x}" y="${TREND_HEIGHT - h}" width="${COLUMN_WIDTH - GAP}" height="${h}" /><text
          class="chart-value"
          x="${mid}"
          y="${TREND_HEIGHT - h - 5}"
          text-anchor="middle"
          >${b.value}</text
        ><text class="chart-label" x="${mid}" y="${TREND_HEIGHT + 16}" text-anchor="middle">${b.label.slice(5)}</text
        ><text class="chart-label" x="${mid}" y="${TREND_HEIGHT + 32}" text-anchor="middle">${b.label.slice(0, 4)}</text>`;
    })}
  </svg>`;
}

function truncate(text: string, chars: number): string {
  return text.length > chars ? `${text.slice(0, chars - 1)}…` : text;
}
