/**
 * Points through the season as an SVG line chart, drawn on the server with Observable Plot over
 * linkedom's DOM, so the page needs no JavaScript in the browser.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

export interface PointsSeries {
  readonly name: string;
  /** Cumulative points after each race. */
  readonly points: readonly { readonly race: number; readonly total: number }[];
}

/** An SVG (as markup) of cumulative points per race, one line per championship, labelled by the element `labelledBy`. */
export function pointsChart(series: readonly PointsSeries[], labelledBy: string): string {
  const data = series.flatMap((s) =>
    s.points.map((p) => ({ championship: s.name, race: p.race, total: p.total })),
  );
  if (!data.length) return '';
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const chart = Plot.plot({
    document,
    width: 640,
    height: 280,
    marginLeft: 48,
    x: { label: 'Race', tickFormat: 'd', ticks: Math.min(16, data.length) },
    y: { label: 'Points', grid: true, zero: true },
    color: { legend: series.length > 1, scheme: 'tableau10' },
    marks: [
      Plot.lineY(data, { x: 'race', y: 'total', stroke: 'championship', marker: 'circle' }),
      Plot.ruleY([0]),
    ],
  });
  const svg = chart.tagName.toLowerCase() === 'svg' ? chart : chart.querySelector('svg');
  svg?.setAttribute('role', 'img');
  // Labelled by the page's caption (escaped by JSX), so no name goes into an attribute here.
  svg?.setAttribute('aria-labelledby', labelledBy);
  return chart.outerHTML;
}
