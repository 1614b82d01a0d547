/**
 * The whole Formula One history (data/seasons/f1-1950 ... f1-2026, imported from f1db by
 * `npm run data:f1`) against f1db's published tables: every driver and constructor table after
 * every race is scored and compared, points, positions and exclusions (`paddock reconcile`).
 *
 * Every difference is listed in findings.csv with the cause reconcile gives and why it happens:
 * `f1db: ...` where f1db's own table contradicts its own results (a typo, a missing row, a tie
 * ordered unlike its other tables), `pending: ...` where the rulebook cannot yet say what the
 * regulations say (a rule kind the engine does not have; docs and /work/notes/f1-needs.md name
 * them). The test fails on any difference not listed and on any listed one that went away.
 *
 * After a change that moves the findings on purpose: UPDATE_F1_FINDINGS=1 npx vitest run
 * test/f1/history.test.ts rewrites findings.csv, keeping the `why` of rows it still finds and
 * leaving new rows' `why` empty, which this test rejects until someone explains them.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { formatExact, reconcile } from '../../src/engine/index.js';
import type { Finding } from '../../src/engine/index.js';
import { SEASONS_DIR, resolvePreset } from '../../src/formats/catalog.js';
import { loadSeasonFolder } from '../../src/formats/season-folder.js';

const FINDINGS = join(import.meta.dirname, 'findings.csv');
const COLUMNS = [
  'season',
  'championship',
  'after_race',
  'competitor',
  'kind',
  'published',
  'computed',
  'cause',
  'why',
] as const;
type Row = Record<(typeof COLUMNS)[number], string>;

const figure = (points: Finding['published'], place: Finding['publishedPosition']) =>
  `${points === null ? '-' : formatExact(points)} ${place ?? '-'}`;
const keyOf = (r: Omit<Row, 'why'>) =>
  COLUMNS.slice(0, -1)
    .map((c) => r[c as keyof typeof r])
    .join('|');

const years = readdirSync(SEASONS_DIR)
  .flatMap((d) => (/^f1-\d{4}$/.test(d) ? [Number(d.slice(3))] : []))
  .sort((a, b) => a - b);
const listed = parse<Row>(readFileSync(FINDINGS, 'utf8'), { columns: true });

interface SeasonCheck {
  readonly rows: Omit<Row, 'why'>[];
  /** Championship -> [last race with a published table, is it equal]. */
  readonly finals: Map<string, boolean>;
  readonly complete: boolean;
}
const checks = new Map<number, SeasonCheck>();

describe('every Formula One season, 1950-2026, against f1db', () => {
  it('holds every season from 1950 to 2026', () => {
    expect(years[0]).toBe(1950);
    expect(years.at(-1)).toBe(2026);
    expect(years.length).toBe(77);
  });

  it.each(years)('%i: every published table equal, or its differences listed', async (year) => {
    const loaded = await loadSeasonFolder(join(SEASONS_DIR, `f1-${year}`), resolvePreset);
    if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
    const { season, rulebook } = loaded.value;
    expect(season.sources?.[0]?.name).toBe('f1db');
    const result = reconcile(season, rulebook);
    if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
    const rows = result.value.map((f) => ({
      season: String(year),
      championship: f.championship,
      after_race: String(f.afterRace),
      competitor: f.competitor,
      kind: f.kind,
      published: figure(f.published, f.publishedPosition),
      computed: figure(f.computed, f.computedPosition),
      cause: f.cause,
    }));
    const last = Math.max(...season.published.map((p) => p.afterRace));
    const finals = new Map<string, boolean>();
    for (const c of new Set(
      season.published.filter((p) => p.afterRace === last).map((p) => p.championshipId),
    ))
      finals.set(c, !result.value.some((f) => f.championship === c && f.afterRace === last));
    const complete = season.sessions.filter((s) => s.type === 'race').length === last;
    checks.set(year, { rows, finals, complete });
    const expected = listed.filter((r) => r.season === String(year));
    if (process.env['UPDATE_F1_FINDINGS']) return;
    expect(rows.map(keyOf)).toEqual(expected.map(keyOf));
    for (const r of expected) expect(r.why, `${keyOf(r)} needs a why`).toMatch(/^(f1db|pending): \S/);
  });

  it("matches f1db on the final drivers' and constructors' tables of every completed season, or says why not", () => {
    if (process.env['UPDATE_F1_FINDINGS']) {
      const why = new Map(listed.map((r) => [keyOf(r), r.why]));
      const all = years.flatMap((y) => checks.get(y)?.rows ?? []);
      writeFileSync(
        FINDINGS,
        stringify(
          all.map((r) => ({ ...r, why: why.get(keyOf(r)) ?? '' })),
          { header: true, columns: [...COLUMNS] },
        ),
      );
      return;
    }
    expect(checks.size).toBe(years.length);
    const count = (championship: string) => {
      const done = [...checks.values()].filter((c) => c.complete && c.finals.has(championship));
      return `${done.filter((c) => c.finals.get(championship)).length}/${done.length}`;
    };
    // 1950-2025 are complete (76 drivers' tables; constructors' from 1958: 68); 2026 is in
    // progress. Every final table is equal: the findings are all after earlier races.
    expect({ drivers: count('drivers'), constructors: count('constructors') }).toEqual({
      drivers: '76/76',
      constructors: '68/68',
    });
  });
});
