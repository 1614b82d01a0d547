/**
 * Round trips between exporters and importers: the results CSV that `paddock export` writes,
 * read back by the generic CSV importer, gives the same classification.
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { resolvePreset, resolveSeasonDir } from '../../src/formats/catalog.js';
import { loadSeasonFolder } from '../../src/formats/season-folder.js';
import { resultsCsv } from '../../src/exporters/csv/season-csv.js';

const tmp = await mkdtemp(join(tmpdir(), 'paddock-roundtrip-'));
afterAll(() => rm(tmp, { recursive: true, force: true }));
const io: CliIo = { out: () => undefined, err: () => undefined, color: false, isTTY: false };

describe('results CSV export -> generic CSV import', () => {
  it.each(['race-01', 'race-05', 'race-16'])('gives back the classification of %s', async (sessionId) => {
    const folder = join(tmp, sessionId);
    await cp(resolveSeasonDir('2024-pccna')!, folder, { recursive: true });
    const loaded = await loadSeasonFolder(folder, resolvePreset);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    const original = loaded.value.season.classifications.find((c) => c.sessionId === sessionId)!;
    const rows = parse<Record<string, string>>(resultsCsv(loaded.value.season), { columns: true }).filter(
      (r) => r.session === sessionId,
    );
    const file = join(tmp, `${sessionId}.csv`);
    await writeFile(file, stringify(rows, { header: true }));
    const code = await main(
      [
        'node',
        'paddock',
        'import-results',
        folder,
        sessionId,
        file,
        '--format',
        'csv',
        '--map',
        'position=position,car=car,driver=drivers,status=status,laps=laps,laps_led=laps_led,time=time',
      ],
      io,
    );
    expect(code).toBe(0);
    const again = await loadSeasonFolder(folder, resolvePreset);
    if (!again.ok) throw new Error(JSON.stringify(again.issues));
    expect(again.value.season.classifications.find((c) => c.sessionId === sessionId)).toEqual(original);
  });
});
