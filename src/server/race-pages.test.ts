/**
 * Race and qualifying pages: the official classification as a timing portal prints it, with the
 * points each car scored in each championship. Expected figures are worked out from the season
 * files and the regulations (rulebook.yaml), not read back from the engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Paddock } from '../app/index.js';
import { SEASONS_DIR } from '../formats/catalog.js';
import { createApp } from './app.js';
import { makeHarness } from './test-support/harness.js';
import type { Harness } from './test-support/harness.js';

let h: Harness;
let other: { paddock: Paddock; app: ReturnType<typeof createApp> };
beforeAll(async () => {
  h = await makeHarness({ now: () => new Date('2025-01-01T12:00:00Z') });
  const paddock = await Paddock.open({ file: ':memory:' }, { builtIns: false });
  const change = { author: 'test', reason: 'fixture', origin: 'folder' } as const;
  for (const dir of [`${SEASONS_DIR}/f1-2019`, 'test/fixtures/seasons/sim-league']) {
    const imported = await paddock.importFolder(dir, { change });
    if (!imported.ok) throw new Error(JSON.stringify(imported.issues));
  }
  other = { paddock, app: createApp({ paddock }) };
});
afterAll(async () => {
  await h.paddock.close();
  await other.paddock.close();
});

const page = async (path: string, app = h.app) => {
  const res = await app.request(path, { headers: { accept: 'text/html' } });
  return { status: res.status, html: await res.text() };
};

/** The cells of the table row whose driver link names `driver`, as text. */
function rowOf(html: string, driver: string): string[] {
  const row = [...html.matchAll(/<tr>(.*?)<\/tr>/g)]
    .map((m) => m[1]!)
    .find((r) => r.includes(`>${driver}</a>`));
  if (!row) throw new Error(`no row for ${driver}`);
  return [...row.matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
}

const headers = (html: string) =>
  [...html.matchAll(/<th scope="col"[^>]*>(.*?)<\/th>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));

describe('a race page', () => {
  it('gives each car its class position and the points it scored in each championship', async () => {
    const { status, html } = await page('/seasons/2024-pccna/results/race-01');
    expect(status).toBe(200);
    expect(html).toContain('<title>Sebring: Race 1');
    expect(headers(html)).toEqual([
      'Pos',
      'Class pos',
      'Car',
      'Driver',
      'Team',
      'Class',
      'Overall points',
      'Pro points',
      'Pro-Am points',
      'Masters points',
      'ANDIAL Cup points',
    ]);
    // Hartog won from pole with the fastest lap: 25 + 2 + 1 in Overall, Pro (overall bonuses) and
    // the ANDIAL Cup (Sebring is an IMSA round); nothing in the Pro-Am and Masters tables.
    expect(rowOf(html, 'Loek Hartog')).toEqual([
      '1',
      '1',
      '24',
      'Loek Hartog',
      'Kellymoss',
      'Pro',
      '28',
      '28',
      '',
      '',
      '28',
    ]);
    // Sofronas was 15th overall (1 point on the 15-place scale) and won Pro-Am (25).
    expect(rowOf(html, 'James Sofronas')).toEqual([
      '15',
      '1',
      '14',
      'James Sofronas',
      'GMG Racing',
      'Pro-Am',
      '1',
      '',
      '25',
      '',
      '1',
    ]);
    // Stewart, 17th overall, was the 15th Pro car: a Pro point, no Overall point.
    expect(rowOf(html, 'Madeline Stewart').slice(0, 2)).toEqual(['17', '15']);
    expect(rowOf(html, 'Madeline Stewart').slice(6)).toEqual(['', '1', '', '', '']);
  });

  it('leaves out the columns the season has no data for', async () => {
    const { html } = await page('/seasons/2024-pccna/results/race-01');
    for (const empty of ['Laps', 'Time / gap', 'Interval', 'Penalty'])
      expect(headers(html)).not.toContain(empty);
  });

  it('puts points that a drop rule took away in parentheses', async () => {
    // Uretsky, 9th in Pro-Am at Sebring (7 points), has that race among his two lowest before the
    // final round: it is dropped from the final Pro-Am table.
    const { html } = await page('/seasons/2024-pccna/results/race-01');
    expect(rowOf(html, 'Moisey Uretsky').slice(1, 2)).toEqual(['9']);
    expect(rowOf(html, 'Moisey Uretsky')[8]).toBe('(7)');
  });

  it('prints laps, the gap to the winner and the interval to the car ahead from the times', async () => {
    const { html } = await page('/seasons/2019-formula-one/results/canada', other.app);
    expect(headers(html)).toEqual([
      'Pos',
      'Car',
      'Driver',
      'Team',
      'Laps',
      'Time / gap',
      'Interval',
      'Status',
      'World Drivers&#39; Championship points',
      'World Championship for Constructors points',
    ]);
    // 1:29:07.084, 1:29:10.742 (Vettel, his 5 s penalty included), 1:29:11.780.
    expect(rowOf(html, 'Lewis Hamilton').slice(4, 7)).toEqual(['70', '1:29:07.084', '']);
    expect(rowOf(html, 'Sebastian Vettel').slice(4, 7)).toEqual(['70', '+3.658', '+3.658']);
    expect(rowOf(html, 'Charles Leclerc').slice(4, 7)).toEqual(['70', '+4.696', '+1.038']);
    // Ricciardo one lap down on the winner and on Verstappen; Russell two down, one on Stroll's group.
    expect(rowOf(html, 'Daniel Ricciardo').slice(4, 7)).toEqual(['69', '+1 lap', '+1 lap']);
    expect(rowOf(html, 'George Russell').slice(4, 7)).toEqual(['68', '+2 laps', '+1 lap']);
    // Bottas: 4th (12) and the fastest-lap point of 2019 (1), for him and for Mercedes.
    expect(rowOf(html, 'Valtteri Bottas').slice(-2)).toEqual(['13', '13']);
    // A retirement in words with its cause.
    expect(rowOf(html, 'Lando Norris')[0]).toBe('Ret');
    expect(rowOf(html, 'Lando Norris')).toContain('Retired: Suspension');
    expect(html).toContain('Pole: Sebastian Vettel · Fastest lap: Valtteri Bottas');
    // One class: no class columns, no class winners list.
    expect(headers(html)).not.toContain('Class pos');
    expect(html).not.toContain('Class winners');
  });

  it('gives qualifying its own page with its points', async () => {
    const event = await page('/seasons/sim-league/events/week-1', other.app);
    expect(event.html).toContain('href="/seasons/sim-league/results/week-1-qualifying"');
    const { status, html } = await page('/seasons/sim-league/results/week-1-qualifying', other.app);
    expect(status).toBe(200);
    expect(html).toContain('<h1>Week 1: Qualifying</h1>');
    // The template's qualifying scale is 3-2-1 overall and in each class. Ana took pole (3 overall,
    // 3 in Gold), Ben second (2, and 2 in Gold), Cy third (1, and first Silver: 3), Dee fourth
    // (nothing overall, first Bronze: 3). Ana's week 1 counts: the week dropped is week 4, which
    // she missed.
    expect(headers(html).slice(-4)).toEqual([
      'Overall points',
      'Gold class points',
      'Silver class points',
      'Bronze class points',
    ]);
    expect(rowOf(html, 'Ana Example').slice(-4)).toEqual(['3', '3', '', '']);
    expect(rowOf(html, 'Ben Example').slice(-4)).toEqual(['2', '2', '', '']);
    expect(rowOf(html, 'Cy Example').slice(-4)).toEqual(['1', '', '3', '']);
    expect(rowOf(html, 'Dee Example').slice(-4)).toEqual(['', '', '', '3']);
  });

  it('answers an unknown session with 404', async () => {
    expect((await page('/seasons/2024-pccna/results/race-99')).status).toBe(404);
  });
});
