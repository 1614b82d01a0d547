import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSeason, resolvePreset } from '../../src/formats/catalog.js';
import { loadSeasonFolder } from '../../src/formats/season-folder.js';
import { run } from '../support/run-cli.js';

const tmp = await mkdtemp(join(tmpdir(), 'paddock-export-cmd-'));
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('paddock export', () => {
  it('writes the season folder, which loads back to the same season', async () => {
    const target = join(tmp, 'folder');
    expect((await run('export', '2024-pccna', target, '--format', 'folder')).code).toBe(0);
    const a = await loadSeason('2024-pccna');
    const b = await loadSeasonFolder(target, resolvePreset);
    if (!a.ok || !b.ok) throw new Error('load failed');
    expect(b.value.season).toEqual(a.value.season);
    expect(b.value.rulebook).toEqual(a.value.rulebook);
  });
  it('writes iCalendar to a file with --out', async () => {
    const file = join(tmp, 'cal.ics');
    expect((await run('export', '2024-pccna', '--format', 'ics', '--out', file)).code).toBe(0);
    const text = await readFile(file, 'utf8');
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(8);
  });
  it('prints standings JSON in the shared standings document shape', async () => {
    const r = await run(
      'export',
      '2024-pccna',
      '--format',
      'json',
      '--championship',
      'masters',
      '--after',
      '8',
    );
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as {
      afterRace: number;
      championships: { id: string; standings: { competitor: { id: string } }[] }[];
    };
    expect(doc.afterRace).toBe(8);
    expect(doc.championships.map((c) => c.id)).toEqual(['masters']);
    expect(doc.championships[0]!.standings[0]!.competitor.id).toBe('matt-halcome');
  });
  it('prints results CSV and wikitext', async () => {
    const csv = await run('export', '2024-pccna', '--format', 'csv', '--table', 'results');
    expect(csv.out.split('\n')[0]).toBe(
      'session,race,event,position,class_position,car,entry,drivers,team,class,status,laps,laps_led,time,state,penalties',
    );
    const wiki = await run('export', '2024-pccna', '--format', 'wikitext', '--championship', 'overall');
    expect(wiki.out).toContain('{|class="wikitable" style="font-size: 85%; text-align:center"');
    expect(wiki.out).toContain('=== Overall ===');
  });
  it('refuses a folder argument for a file format, and folder format without a folder', async () => {
    const wrong = await run('export', '2024-pccna', join(tmp, 'x'), '--format', 'csv');
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('only for --format folder');
    expect((await run('export', '2024-pccna', '--format', 'folder')).code).toBe(2);
  });
});
