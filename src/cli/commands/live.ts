/**
 * `paddock live <season> <race> --rmonitor host:port | --jsonl file|-`: follows a race from a
 * timing feed and prints every championship as it stands. With --save, the final running order
 * becomes the race's provisional result once every running car has taken the flag.
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { formatDisplay, isZero } from '../../engine/index.js';
import type { Issue } from '../../engine/index.js';
import type { Paddock } from '../../app/index.js';
import { findSession } from '../../importers/results/plan-import.js';
import { liveUpdateJson } from '../../live/live-json.js';
import { LiveRunner } from '../../live/live-runner.js';
import { LiveSession } from '../../live/live-session.js';
import type { LiveUpdate } from '../../live/live-session.js';
import { planLiveSave } from '../../live/save-result.js';
import { formatClock } from '../../live/rmonitor.js';
import { CliFailure, EXIT, formatIssue, paint } from '../io.js';
import type { CliIo } from '../io.js';
import { cliChange, openSeason, orFail, withApp, withDbOption } from '../app.js';
import type { DbOption } from '../app.js';
import { renderTable } from '../table.js';

interface LiveOptions extends DbOption {
  intoDb?: boolean;
  rmonitor?: { host: string; port: number };
  jsonl?: string;
  championship?: string;
  rows: number;
  json?: boolean;
  state: string | false;
  fresh?: boolean;
  assign: string[];
  save?: boolean;
}

const hostPort = (value: string): { host: string; port: number } => {
  const m = /^(.+):(\d{1,5})$/.exec(value);
  if (!m || Number(m[2]) > 65535) throw new InvalidArgumentError('give host:port, such as 127.0.0.1:50000');
  return { host: m[1]!.replace(/^\[(.*)\]$/, '$1'), port: Number(m[2]) };
};

const count = (value: string): number => {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('give a number such as 10');
  return Number(value);
};

const usage = (message: string, hint?: string): CliFailure =>
  new CliFailure([{ code: 'usage', path: [], message, ...(hint === undefined ? {} : { hint }) }], EXIT.usage);

const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `${n}` : '=');

/** The running order and every championship, as tables. */
function renderLive(io: CliIo, u: LiveUpdate, rows: number, only?: string): string {
  const out: string[] = [];
  const laps = u.order[0]?.laps;
  out.push(
    paint(io, 1, `${u.season.name}: ${u.session.name} live`) +
      ` · ${u.flag}${laps === undefined ? '' : ` · lap ${laps}`}` +
      `${u.lapsToGo === undefined ? '' : ` · ${u.lapsToGo} to go`}${u.finished ? ' · finished' : ''}`,
  );
  if (!only) {
    out.push('');
    out.push(
      renderTable(
        ['Pos', 'Car', 'Driver', 'Class', 'Laps', 'Best lap', 'Status'],
        u.order
          .slice(0, rows)
          .map((r) => [
            r.position === undefined ? '-' : String(r.position),
            r.car ?? '',
            r.drivers.join(' / ') + (r.entryId === undefined ? ' (unmatched)' : ''),
            r.className ?? '',
            r.laps === undefined ? '' : String(r.laps),
            (r.bestLapMs === undefined ? '' : formatClock(r.bestLapMs).replace(/^00:0?/, '')) +
              (r.fastestLap ? ' *' : ''),
            r.status === 'classified' ? 'running' : r.status,
          ]),
        [0, 4],
      ),
    );
  }
  for (const c of u.championships) {
    if (only && c.id !== only) continue;
    out.push('');
    out.push(paint(io, 1, `${c.name}${c.final ? '' : ' (drops of the final standings not yet applied)'}`));
    out.push(
      renderTable(
        ['Pos', '+/-', 'Competitor', 'Points', 'Race'],
        c.rows
          .slice(0, rows)
          .map((r) => [
            `${r.position}${r.shared ? '=' : ''}`,
            r.change === undefined ? 'new' : signed(r.change),
            r.competitor.name,
            formatDisplay(r.points),
            isZero(r.gained) ? '' : `${r.gained.num > 0n ? '+' : ''}${formatDisplay(r.gained)}`,
          ]),
        [0, 1, 3, 4],
      ),
    );
  }
  return out.join('\n');
}

/** One line of what changed at the top: flag, race leader, leaders of each championship. */
function summarize(prev: LiveUpdate | undefined, u: LiveUpdate): string[] {
  const lines: string[] = [];
  const lap = u.order[0]?.laps;
  const at = lap !== undefined ? `lap ${lap}` : u.flag === 'none' ? 'before the start' : `update ${u.seq}`;
  if (prev?.flag !== u.flag) lines.push(`${at}: flag ${u.flag}`);
  const lead = u.order[0];
  if (lead && lead.key !== prev?.order[0]?.key && lead.position !== undefined)
    lines.push(`${at}: race leader #${lead.car ?? lead.key} ${lead.drivers.join(' / ')}`);
  for (const c of u.championships) {
    const top = c.rows[0];
    const before = prev?.championships.find((p) => p.id === c.id)?.rows[0];
    if (top && top.competitor.id !== before?.competitor.id)
      lines.push(`${at}: ${c.name} leader ${top.competitor.name} (${formatDisplay(top.points)})`);
  }
  for (const r of u.order)
    if (
      r.status !== 'classified' &&
      r.status !== 'DNS' &&
      prev?.order.find((p) => p.key === r.key)?.status === 'classified'
    )
      lines.push(
        `${at}: #${r.car ?? r.key} ${r.drivers.join(' / ')} ${r.status === 'DNF' ? 'retired' : r.status}`,
      );
  if (u.finished && !prev?.finished) lines.push('every running car has taken the chequered flag');
  return lines;
}

function unmatchedIssues(u: LiveUpdate, source: string): Issue[] {
  return u.unmatched.map((m) => ({
    code: 'live.unmatched',
    path: [source, m.feedKey],
    message: `no entry for ${m.car === undefined ? '' : `#${m.car} `}${m.drivers.join(' / ') || m.key}: ${m.reason}`,
    hint: `Closest: ${m.suggestions.join('; ') || 'none'}. Confirm with --assign "${m.key}=<driver-id>".`,
    location: { file: source },
  }));
}

/** `paddock live <season> <race> (--rmonitor host:port | --jsonl file|-)` */
export function register(program: Command, io: CliIo): void {
  withDbOption(program.command('live'))
    .description('follow a race from a timing feed and print every championship as it stands')
    .argument('<season>', 'season id, alias (2024-pccna) or folder')
    .argument('<race>', 'session id (race-16) or race number (16)')
    .option(
      '--rmonitor <host:port>',
      'an RMonitor timing feed over TCP (MYLAPS Orbits and compatible)',
      hostPort,
    )
    .option('--jsonl <file>', 'a JSON-lines feed, one running order per line ("-" reads standard input)')
    .option('-c, --championship <id>', 'only this championship')
    .option('-n, --rows <n>', 'rows of each table to print', count, 10)
    .option('--json', 'print each update as one line of JSON (the document of the live API)')
    .option(
      '--state <file>',
      'where the last good state is kept (default .paddock/live/<season>-<race>.json)',
    )
    .option('--no-state', 'keep no state (a restart starts afresh)')
    .option('--fresh', 'ignore a saved state and start afresh')
    .option(
      '-a, --assign <key=driver>',
      'confirm an unmatched competitor: the key printed for it and a driver id (remembered in mappings.yaml when saved)',
      (v: string, acc: string[]) => [...acc, v],
      [],
    )
    .option('--save', "at the flag, save the final running order as the race's provisional result")
    .option(
      '--into-db',
      'follow and save the season in the database (--db, else DATABASE_URL, PADDOCK_DB or ./paddock.db) instead of its files',
    )
    .action(async (seasonArg: string, raceArg: string, opts: LiveOptions) => {
      if (opts.rmonitor && opts.jsonl) throw usage('give one feed: --rmonitor or --jsonl');
      await withApp(
        opts,
        (app) => follow(app, seasonArg, raceArg, opts, io),
        opts.intoDb ? { needDatabase: true } : { filesOnly: true },
      );
    });
}

async function follow(
  app: Paddock,
  seasonArg: string,
  raceArg: string,
  opts: LiveOptions,
  io: CliIo,
): Promise<void> {
  const sv = await openSeason(app, seasonArg);
  if (opts.intoDb && sv.source.kind !== 'database')
    throw new CliFailure([
      {
        code: 'season.not-stored',
        path: [seasonArg],
        message: `${seasonArg} is not in the database ${app.where ?? ''}`,
        hint: 'Import the season first: paddock import <folder>.',
      },
    ]);
  const { season, rulebook } = sv.loaded;
  const session = findSession(season, raceArg);
  if (!session)
    throw usage(
      `no session "${raceArg}" in ${season.id}`,
      `Sessions: ${season.sessions.map((s) => s.id).join(', ')}.`,
    );
  if (opts.championship && !rulebook.championships.some((c) => c.id === opts.championship))
    throw usage(
      `unknown championship "${opts.championship}"`,
      `Choose one of: ${rulebook.championships.map((c) => c.id).join(', ')}.`,
    );
  const assignments: Record<string, string> = {};
  for (const a of opts.assign) {
    const at = a.lastIndexOf('=');
    if (at < 1) throw usage(`--assign "${a}": write <key>=<driver-id>`);
    const driver = a.slice(at + 1);
    if (!season.drivers.some((d) => d.id === driver))
      throw usage(`--assign ${a}: no driver "${driver}" in ${season.id}`);
    assignments[a.slice(0, at)] = driver;
  }
  const created = LiveSession.create({
    season,
    rulebook,
    sessionId: session.id,
    mappings: { ...sv.loaded.mappings, ...assignments },
  });
  if (!created.ok) throw new CliFailure(created.issues);
  const live = created.value;

  const statePath =
    opts.state === false
      ? undefined
      : opts.state === undefined || opts.state === ''
        ? join('.paddock', 'live', `${season.id}-${session.id}.json`)
        : opts.state;
  const source = opts.rmonitor
    ? `${opts.rmonitor.host}:${opts.rmonitor.port}`
    : opts.jsonl === '-'
      ? 'stdin'
      : (opts.jsonl ?? statePath ?? '');
  let previous: LiveUpdate | undefined;
  let shownUnmatched = '';
  let lastDraw = 0;
  const draw = (u: LiveUpdate, force = false) => {
    if (opts.json) return io.out(JSON.stringify(liveUpdateJson(u)));
    if (io.isTTY) {
      // A terminal shows the tables in place, redrawn at most four times a second.
      const now = Date.now();
      if (!force && now - lastDraw < 250) return;
      lastDraw = now;
      io.out(`\u001b[2J\u001b[H${renderLive(io, u, opts.rows, opts.championship)}`);
    } else for (const line of summarize(previous, u)) io.out(line);
  };
  const onUpdate = (u: LiveUpdate) => {
    const keys = u.unmatched.map((m) => m.key).join('\n');
    if (keys !== shownUnmatched) {
      shownUnmatched = keys;
      for (const i of unmatchedIssues(u, source)) io.err(paint(io, 33, formatIssue(i)));
    }
    draw(u);
    previous = u;
  };
  const { runner, resumed } = await LiveRunner.open({
    session: live,
    seasonId: season.id,
    ...(statePath === undefined ? {} : { statePath }),
    resume: !opts.fresh,
    onUpdate,
    onIssue: (i) => io.err(paint(io, 33, formatIssue(i))),
    onNotice: (text) => io.err(text),
  });
  if (resumed) io.err(`resumed ${season.id} ${session.id} from ${statePath}`);
  if (!opts.rmonitor && opts.jsonl === undefined && !resumed)
    throw usage(
      'give a feed: --rmonitor host:port or --jsonl file',
      'Or run again where a saved state exists.',
    );

  const abort = new AbortController();
  const stop = () => abort.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    if (opts.rmonitor) await runner.followRMonitor(opts.rmonitor.host, opts.rmonitor.port, abort.signal);
    else if (opts.jsonl !== undefined) {
      const input = opts.jsonl === '-' ? process.stdin : createReadStream(opts.jsonl);
      const opened = await new Promise<Error | undefined>((resolve) => {
        if (opts.jsonl === '-') return resolve(undefined);
        input.once('open', () => resolve(undefined));
        input.once('error', (e: Error) => resolve(e));
      });
      if (opened)
        throw new CliFailure([
          {
            code: 'file.unreadable',
            path: [opts.jsonl],
            message: `cannot read ${opts.jsonl}: ${opened.message}`,
            location: { file: opts.jsonl },
          },
        ]);
      await runner.followJsonLines(input, source, abort.signal);
    }
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await runner.close();
  }

  const last = live.current;
  if (!last) {
    io.err('the feed gave no running order');
    throw new CliFailure([
      { code: 'live.no-order', path: [source], message: `${source}: no running order received` },
    ]);
  }
  if (opts.json) {
    if (!io.isTTY && previous !== last) io.out(JSON.stringify(liveUpdateJson(last)));
  } else {
    if (io.isTTY) draw(last, true);
    else io.out(`\n${renderLive(io, last, opts.rows, opts.championship)}`);
  }
  if (!opts.save) return;
  if (!last.finished) {
    io.err(
      `${session.id}: not saved, the race is not finished (not every running car has taken the flag). ` +
        'Run again to resume, with --save, once it is.',
    );
    throw new CliFailure([
      {
        code: 'live.unfinished',
        path: [session.id],
        message: `${session.id} is not finished; nothing was saved`,
      },
    ]);
  }
  // Saved onto the season as it is now: it may have been edited during the race.
  const current = await openSeason(app, seasonArg);
  const plan = planLiveSave(
    current.loaded.season,
    findSession(current.loaded.season, session.id) ?? session,
    runner.order!,
    current.loaded.mappings,
    assignments,
    source,
  );
  // Unmatched competitors were listed as they appeared; the plan's own problems are new.
  const unmatched = plan.unmatched.length;
  if (plan.problemCount || unmatched) {
    const what = [
      plan.problemCount ? `${plan.problemCount} problem(s)` : '',
      unmatched ? `${unmatched} competitor${unmatched === 1 ? '' : 's'} unmatched (listed above)` : '',
    ].filter(Boolean);
    io.err(paint(io, 31, `${session.id}: ${what.join(', ')}; nothing was saved.`));
    throw new CliFailure(plan.issues);
  }
  // One change: the results, their state, fastest laps and confirmed identities, as a revision
  // of a stored season or a write of its folder.
  const saved = orFail(
    await app.importSessionResults(
      current,
      plan,
      cliChange(`live result at the flag from ${source}`, { author: 'paddock live' }),
    ),
  );
  const where = current.source.kind === 'database' ? current.source.where : current.source.dir;
  const fastest = last.order.find((r) => r.fastestLap);
  io.out(
    `saved ${session.id} to ${where} as provisional results (${plan.rows.length} rows` +
      `${fastest ? `; fastest lap #${fastest.car ?? fastest.key} ${fastest.drivers.join(' / ')}` : ''})` +
      `${saved.version === undefined ? '' : `, season version ${saved.version}`}`,
  );
}
