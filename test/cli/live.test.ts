import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import { computeStandings, formatExact } from '../../src/engine/index.js';
import { loadSeasonFolder } from '../../src/formats/season-folder.js';
import { resolvePreset, SEASONS_DIR } from '../../src/formats/catalog.js';
import { formatJsonlLine } from '../../src/live/jsonl-feed.js';
import type { LiveUpdateJson } from '../../src/live/live-json.js';
import { RECORDING_FILE } from '../../src/live/reference-recording.js';
import { scheduleRecording, startReplay } from '../../src/live/replay.js';
import { RMonitorFeed } from '../../src/live/rmonitor-feed.js';
import { run } from '../support/run-cli.js';

const tmp = await mkdtemp(join(tmpdir(), 'paddock-live-cli-'));
afterAll(() => rm(tmp, { recursive: true, force: true }));
const recording = await readFile(RECORDING_FILE, 'latin1');

/** The recorded race as a JSON-lines feed: one line per change of the running order. */
const jsonl = (() => {
  const feed = new RMonitorFeed();
  const out: string[] = [];
  recording.split('\r\n').forEach((line, i) => {
    if (!line) return;
    const step = feed.push(line, { source: 'recording', line: i + 1 });
    if (step.kind !== 'order') return;
    const text = formatJsonlLine(step.order);
    if (text !== out.at(-1)) out.push(text);
  });
  return out;
})();
const half = Math.floor(jsonl.length / 2);

let copies = 0;
/** A fresh copy of the reference season folder to save into. */
async function seasonCopy(): Promise<string> {
  const dir = join(tmp, `season-${++copies}`);
  await cp(join(SEASONS_DIR, '2024-porsche-carrera-cup-north-america'), dir, { recursive: true });
  return dir;
}
async function feedFile(name: string, lines: readonly string[]): Promise<string> {
  const file = join(tmp, name);
  await writeFile(file, `${lines.join('\n')}\n`, 'utf8');
  return file;
}

describe('paddock live', () => {
  it('follows a JSON-lines feed and prints what changes at the top, then the tables', async () => {
    const file = await feedFile('race.jsonl', jsonl);
    const { code, out, err } = await run(
      'live',
      '2024-pccna',
      '16',
      '--jsonl',
      file,
      '--no-state',
      '--rows',
      '3',
    );
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('flag yellow');
    expect(out).toContain('race leader #78 Ryan Yardley');
    expect(out).toContain('#12 Peter Atwater retired');
    expect(out).toContain('every running car has taken the chequered flag');
    // Yardley: 227 before the race, 25 for the win and 1 for the fastest lap.
    expect(out).toMatch(/2 += +Ryan Yardley +253 +\+26/);
  });

  it('redraws the tables in place on a terminal', async () => {
    const file = await feedFile('tty.jsonl', jsonl.slice(-2));
    let out = '';
    const io: CliIo = { out: (t) => void (out += `${t}\n`), err: () => {}, color: true, isTTY: true };
    const code = await main(
      ['node', 'paddock', 'live', '2024-pccna', '16', '--jsonl', file, '--no-state', '-c', 'pro'],
      io,
    );
    expect(code).toBe(0);
    expect(out.startsWith('\u001b[2J\u001b[H')).toBe(true);
    expect(out).toContain('\u001b[1mPro\u001b[0m');
    expect(out).not.toContain('Pro-Am');
    expect(out).toMatch(/2 += +Ryan Yardley +256 +\+26/);
  });

  it('prints one JSON document per update with --json', async () => {
    const file = await feedFile('short.jsonl', jsonl.slice(-3));
    const { code, out } = await run('live', '2024-pccna', 'race-16', '--jsonl', file, '--no-state', '--json');
    expect(code).toBe(0);
    const docs = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as LiveUpdateJson);
    const last = docs.at(-1)!;
    expect(last).toMatchObject({ session: { id: 'race-16', race: 16 }, flag: 'finish', finished: true });
    expect(last.championships.find((c) => c.id === 'overall')!.rows[1]).toMatchObject({
      competitor: { name: 'Ryan Yardley' },
      points: 253,
      before: { position: 2, points: 227 },
      change: 0,
      gained: 26,
    });
  });

  it('logs a malformed line with its file and line, skips it, and goes on', async () => {
    const file = await feedFile('garbled.jsonl', [
      ...jsonl.slice(0, 5),
      '{"order": [{"car": 24',
      ...jsonl.slice(5),
    ]);
    const { code, err } = await run('live', '2024-pccna', '16', '--jsonl', file, '--no-state');
    expect(code).toBe(0);
    expect(err).toContain(`${file}:6: not valid JSON`);
  });

  it('saves the final order from an RMonitor replay as provisional results equal to the last live tables', async () => {
    const dir = await seasonCopy();
    const replay = await startReplay({ recording: scheduleRecording(recording), port: 0, speed: 2000 });
    try {
      const { code, out, err } = await run(
        'live',
        dir,
        '16',
        '--rmonitor',
        `127.0.0.1:${replay.port}`,
        '--state',
        join(tmp, 'rm.json'),
        '--save',
        '--json',
      );
      expect(err).toContain(`connected to 127.0.0.1:${replay.port}`);
      expect(code).toBe(0);
      const lines = out.trim().split('\n');
      expect(lines.at(-1)).toBe(
        `saved race-16 to ${dir} as provisional results (36 rows; fastest lap #78 Ryan Yardley)`,
      );
      const last = JSON.parse(lines.at(-2)!) as LiveUpdateJson;
      const csv = await readFile(join(dir, 'results', 'race-16.csv'), 'utf8');
      expect(csv.split('\n')[1]).toBe('1,78-topp-performance-ryan-yardley,,classified,14,12,,');
      expect(csv).toContain(',12-topp-racing-peter-atwater,,DNF,8,,,');
      expect(await readFile(join(dir, 'result-states.csv'), 'utf8')).toContain('race-16,provisional');
      expect(await readFile(join(dir, 'awards.csv'), 'utf8')).toContain(
        'race-16,fastest-lap,pro-am,44-baby-bull-moisey-uretsky,moisey-uretsky,',
      );
      // The saved season scores exactly as the last live tables.
      const saved = await loadSeasonFolder(dir, resolvePreset);
      if (!saved.ok) throw new Error(saved.issues[0]!.message);
      const standings = computeStandings(saved.value.season, saved.value.rulebook);
      if (!standings.ok) throw new Error('standings');
      expect(
        standings.value.championships.map((c) =>
          c.rows.map((r) => `${r.competitor.id} ${formatExact(r.points)}`),
        ),
      ).toEqual(last.championships.map((c) => c.rows.map((r) => `${r.competitor.id} ${r.pointsExact}`)));
    } finally {
      await replay.close();
    }
  });

  it('saves into the database as a new revision of the season with --into-db', async () => {
    const db = join(tmp, 'live.db');
    expect((await run('import', await seasonCopy(), '--db', db)).code).toBe(0);
    const file = await feedFile('db.jsonl', jsonl);
    const live = await run(
      'live',
      '2024-pccna',
      '16',
      '--jsonl',
      file,
      '--no-state',
      '--save',
      '--into-db',
      '--db',
      db,
      '--json',
    );
    expect(live.err).toBe('');
    expect(live.code).toBe(0);
    const lines = live.out.trim().split('\n');
    expect(lines.at(-1)).toBe(
      `saved race-16 to ${db} as provisional results (36 rows; fastest lap #78 Ryan Yardley), season version 2`,
    );
    const last = JSON.parse(lines.at(-2)!) as LiveUpdateJson;
    const standings = await run('standings', '2024-pccna', '--db', db, '--json');
    const doc = JSON.parse(standings.out) as {
      championships: { standings: { competitor: { id: string }; pointsExact: string }[] }[];
    };
    expect(
      doc.championships.map((c) => c.standings.map((r) => `${r.competitor.id} ${r.pointsExact}`)),
    ).toEqual(last.championships.map((c) => c.rows.map((r) => `${r.competitor.id} ${r.pointsExact}`)));
  });

  it('resumes from its saved state, and saves only once the race is finished', async () => {
    const dir = await seasonCopy();
    const state = join(tmp, 'resume.json');
    const first = await feedFile('first.jsonl', jsonl.slice(0, half));
    expect((await run('live', dir, '16', '--jsonl', first, '--state', state)).code).toBe(0);
    const early = await run('live', dir, '16', '--state', state, '--save');
    expect(early.err).toContain(`resumed 2024-porsche-carrera-cup-north-america race-16 from ${state}`);
    expect(early.code).toBe(1);
    expect(early.err).toContain('race-16: not saved, the race is not finished');
    const rest = await feedFile('rest.jsonl', jsonl.slice(half));
    const done = await run('live', dir, '16', '--jsonl', rest, '--state', state, '--save');
    expect(done.code).toBe(0);
    expect(done.out).toContain(`saved race-16 to ${dir} as provisional results`);
  });

  it('lists an unmatched competitor, refuses to save, and remembers the confirmation it is given', async () => {
    const dir = await seasonCopy();
    const last = JSON.parse(jsonl.at(-1)!) as { order: { car?: string; drivers: string[] }[] };
    const stranger = {
      ...last,
      order: last.order.map((r) => (r.car === '56' ? { ...r, car: '156', drivers: ['J. Mosing'] } : r)),
    };
    const file = await feedFile('stranger.jsonl', [JSON.stringify(stranger)]);
    const refused = await run('live', dir, '16', '--jsonl', file, '--no-state', '--save');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('no entry for #156 J. Mosing');
    // The relay gives the car's transponder: that is the identity to confirm and remember.
    expect(refused.err).toContain('Confirm with --assign "transponder:4156756=<driver-id>"');
    expect(refused.err.match(/no entry for #156/g)).toHaveLength(1);
    expect(refused.err).toContain('race-16: 1 competitor unmatched (listed above); nothing was saved.');
    const confirmed = await run(
      'live',
      dir,
      '16',
      '--jsonl',
      file,
      '--no-state',
      '--save',
      '--assign',
      'transponder:4156756=jeff-mosing',
    );
    expect(confirmed.code).toBe(0);
    expect(await readFile(join(dir, 'mappings.yaml'), 'utf8')).toContain('transponder:4156756: jeff-mosing');
  });

  it('says how it was used wrongly', async () => {
    const none = await run('live', '2024-pccna', '16', '--no-state');
    expect(none.code).toBe(2);
    expect(none.err).toContain('give a feed: --rmonitor host:port or --jsonl file');
    expect((await run('live', '2024-pccna', '17', '--jsonl', '-')).err).toContain('no session "17"');
    expect((await run('live', '2024-pccna', '16', '--rmonitor', 'nowhere')).code).toBe(2);
    expect(
      (await run('live', '2024-pccna', '16', '--jsonl', '-', '--assign', 'name:x=nobody')).err,
    ).toContain('no driver "nobody"');
    const missing = await run(
      'live',
      '2024-pccna',
      '16',
      '--jsonl',
      join(tmp, 'missing.jsonl'),
      '--no-state',
    );
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('cannot read');
  });
});

describe('paddock replay', () => {
  it('serves the recording on the port it prints until the client has had it all', async () => {
    let out = '';
    let announced: (port: number) => void = () => {};
    const port = new Promise<number>((resolve) => (announced = resolve));
    const io: CliIo = {
      out: (t) => {
        out += `${t}\n`;
        const m = /on 127\.0\.0\.1:(\d+)/.exec(t);
        if (m) announced(Number(m[1]));
      },
      err: () => {},
      color: false,
      isTTY: false,
    };
    const running = main(
      ['node', 'paddock', 'replay', RECORDING_FILE, '--port', '0', '--speed', '5000', '--once'],
      io,
    );
    const { connect } = await import('node:net');
    const bytes = await new Promise<number>((resolve, reject) => {
      void port.then((p) => {
        let n = 0;
        const s = connect({ host: '127.0.0.1', port: p });
        s.on('data', (b: Buffer) => (n += b.length));
        s.on('end', () => resolve(n));
        s.on('error', reject);
      });
    });
    expect(await running).toBe(0);
    expect(bytes).toBe(Buffer.byteLength(recording, 'latin1'));
    expect(out).toMatch(/^replaying .*2024-pccna-race-16\.rmonitor \(8788 lines, 00:00:0\d at 5000x\)/);
  });
});
