/**
 * Charts of a championship's progress (points and position after each race in its scope), drawn
 * on the server as SVG with Observable Plot over linkedom's DOM, so pages need no JavaScript. They
 * draw a `StandingsProgress` view model and compute nothing: points are rounded for drawing only.
 *
 * Drawn small (360 px wide, 12 px text) and scaled by CSS to the column, so at 390 px the text is
 * at its natural size and small multiples sit side by side on a wide screen. The x axis is an
 * ordinal axis of the races in the championship's scope, so no line is drawn across races outside
 * it, and each chart has its own y scale (one championship's 23 points are not squashed under
 * another's 245).
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { toNumber } from '../engine/index.js';
import type { ChampionshipProgress, CompetitorProgress } from '../app/index.js';

/** Tableau 10: distinct hues, in the order lines are given (the legend uses the same). */
export const LINE_COLOURS = [
  '#4e79a7',
  '#f28e2c',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc949',
  '#af7aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ab',
] as const;

const WIDTH = 360;
const HEIGHT = 200;

/** First place, then round positions down to the worst (at most about five ticks). */
function positionTicks(worst: number): number[] {
  const step = [1, 2, 5, 10, 20, 50].find((n) => worst / n <= 5) ?? 100;
  const ticks = [1];
  for (let p = step; p <= worst; p += step) if (p > 1) ticks.push(p);
  return ticks;
}

export type ChartMeasure = 'points' | 'position';

interface Datum {
  readonly name: string;
  readonly race: string;
  readonly value: number;
}

function data(competitors: readonly CompetitorProgress[], measure: ChartMeasure): Datum[] {
  return competitors.flatMap((c) =>
    c.steps.map((s) => ({
      name: c.name,
      race: String(s.race),
      value: measure === 'points' ? toNumber(s.points) : s.position,
    })),
  );
}

/**
 * An SVG (as markup) of the points or positions of `competitors` after each race of the
 * championship, one line each (coloured in the order given, as `LINE_COLOURS`), labelled by the
 * element `labelledBy`; empty when there is nothing to draw.
 */
export function progressChart(
  championship: ChampionshipProgress,
  competitors: readonly CompetitorProgress[],
  measure: ChartMeasure,
  labelledBy: string,
): string {
  const rows = data(competitors, measure);
  if (!rows.length) return '';
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const names = competitors.map((c) => c.name);
  const worst = Math.max(...rows.map((r) => r.value));
  const chart = Plot.plot({
    document,
    width: WIDTH,
    height: HEIGHT,
    marginTop: 28,
    marginLeft: 40,
    marginRight: 12,
    style: { fontSize: '12px', background: 'transparent' },
    x: {
      type: 'point',
      domain: championship.races.map((r) => String(r.race)),
      label: 'Race',
      labelAnchor: 'right',
    },
    y:
      measure === 'points'
        ? { label: 'Points', grid: true, zero: true, nice: true }
        : {
            label: 'Position',
            grid: true,
            reverse: true,
            domain: [1, Math.max(2, worst)],
            ticks: positionTicks(worst),
            tickFormat: 'd',
          },
    color: { domain: names, range: LINE_COLOURS.slice(0, Math.max(1, names.length)) },
    marks: [
      Plot.lineY(rows, { x: 'race', y: 'value', z: 'name', stroke: 'name', strokeWidth: 2 }),
      Plot.dot(rows, { x: 'race', y: 'value', fill: 'name', r: 2.5 }),
      ...(measure === 'points' ? [Plot.ruleY([0])] : []),
    ],
  });
  const svg = chart.tagName.toLowerCase() === 'svg' ? chart : chart.querySelector('svg');
  svg?.setAttribute('role', 'img');
  // An image's parts are not read out (its caption is its name); ARIA forbids naming them.
  for (const part of svg?.querySelectorAll('[aria-label], [aria-description]') ?? []) {
    part.removeAttribute('aria-label');
    part.removeAttribute('aria-description');
  }
  // Labelled by the page's caption (escaped by JSX), so no name goes into an attribute here.
  svg?.setAttribute('aria-labelledby', labelledBy);
  return chart.outerHTML;
}
