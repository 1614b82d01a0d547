/**
 * The crash campaign (issue 15): a server is killed with SIGKILL, again and again, while two
 * writers change the season through the write API, each change with an Idempotency-Key and the
 * version it was made from (If-Match). A request left without an answer by a kill is sent again,
 * unchanged, to the next server. After every kill and at the end:
 *   - the database is sound (SQLite: `PRAGMA integrity_check`; both: the season loads);
 *   - 0 acknowledged edits lost: every change answered 200 is in the history, at the version the
 *     answer gave, and that version holds the state it set;
 *   - 0 half-applied: every revision's files load, and each holds exactly its change;
 *   - retried edits applied once: no change (its reason is its key) is in the history twice.
 *
 *   npm run campaign:crash                       # 100 kills on SQLite
 *   npm run campaign:crash -- --pg URL --kills 25  # 25 kills on PostgreSQL (a fresh schema)
 *   npm run campaign:crash -- --kills 30 --answer-delay 300   # the power check (below)
 *
 * The power check: the window between a change's commit and its answer is a few milliseconds, so
 * random kills rarely land in it, and a server that kept an Idempotency-Key answer only after the
 * commit (not in the revision's own transaction) would pass an ordinary run by luck.
 * `--answer-delay MS` makes the campaign's server wait MS after each committed edit before it
 * answers, so about half the kills land in that window: a retry then needs the answer kept with the
 * revision, and without it is refused as stale though applied ("applied though answered as
 * refused"). docs/operations.md gives the run that showed this catches a broken keep.
 *
 * Prints its counts; exit code 1 on any failure.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { OpenOptions } from '../../src/app/index.js';

const SEASON = '2024-porsche-carrera-cup-north-america';
const SERIES = 'porsche-carrera-cup-north-america';
const PASSWORD = 'crash campaign steward password';

/** Child: the server over the database, as `paddock serve` runs it; prints its URL. */
async function child(database: OpenOptions, answerDelayMs: number): Promise<void> {
  if (answerDelayMs > 0) {
    // Widen the window between commit and answer (the power check): every committed edit waits.
    const { Paddock } = await import('../../src/app/index.js');
    const proto = Paddock.prototype;
    const { edit } = Object.getOwnPropertyDescriptors(proto);
    const original = edit.value as typeof proto.edit;
    proto.edit = async function (this: InstanceType<typeof Paddock>, ...args) {
      const done = await original.apply(this, args);
      await new Promise((r) => setTimeout(r, answerDelayMs));
      return done;
    };
  }
  const { startServer } = await import('../../src/server/start.js');
  const { silentLogger } = await import('../../src/server/request-log.js');
  const { url } = await startServer({
    port: 0,
    host: '127.0.0.1',
    database,
    log: () => undefined,
    logger: silentLogger(),
    liveStateDir: join(tmpdir(), `paddock-crash-live-${process.pid}`),
  });
  process.stdout.write(`${url}\n`);
}

interface Edit {
  readonly key: string;
  readonly session: string;
  readonly state: 'final' | 'provisional';
  readonly ifMatch: number;
}

interface WriterState {
  /** An edit sent without an answer: sent again, unchanged, to the next server. */
  pending?: Edit | undefined;
  seq: number;
  next: 'final' | 'provisional';
}

interface Tally {
  /** Edits sent to the server now running (the kill waits for the first). */
  sentThisRound: number;
  /** How long answered edits took, for the kill's timing. */
  editMs: number[];
  acked: { key: string; version: number; session: string; state: string }[];
  /** Edits answered 412: the client was told they were not applied. */
  refusedKeys: string[];
  refused: number;
  unanswered: number;
  retriedReplayed: number;
  retriedFresh: number;
  retriedRefused: number;
  otherAnswers: string[];
}

async function startChild(
  database: OpenOptions,
  answerDelayMs: number,
): Promise<{ proc: ChildProcess; url: string }> {
  const proc = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      fileURLToPath(import.meta.url),
      '--serve',
      JSON.stringify(database),
      String(answerDelayMs),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: proc.stdout }).once('line', resolve);
    proc.once('exit', (code) => reject(new Error(`the server exited with ${code} before listening`)));
  });
  return { proc, url };
}

/** Sends one edit; undefined when no answer came (the server died). */
async function send(
  url: string,
  token: string,
  edit: Edit,
): Promise<{ status: number; body: string; replayed: boolean } | undefined> {
  try {
    const res = await fetch(`${url}/api/v1/seasons/${SEASON}/results/${edit.session}/state`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'if-match': `"${edit.ifMatch}"`,
        'idempotency-key': edit.key,
      },
      body: JSON.stringify({ state: edit.state, reason: edit.key }),
      signal: AbortSignal.timeout(20_000),
    });
    return {
      status: res.status,
      body: await res.text(),
      replayed: res.headers.get('idempotent-replayed') === 'true',
    };
  } catch {
    return undefined;
  }
}

/** One writer against one server until it dies: its session's state toggled, one change at a time. */
async function writer(
  w: number,
  url: string,
  token: string,
  tally: Tally,
  state: WriterState,
  once = false,
): Promise<void> {
  const session = `race-0${w + 1}`;
  for (;;) {
    let edit = state.pending;
    const retry = edit !== undefined;
    if (!edit && once) return;
    if (!edit) {
      let version: number;
      try {
        const res = await fetch(`${url}/api/v1/seasons/${SEASON}`, { signal: AbortSignal.timeout(20_000) });
        version = ((await res.json()) as { version: number }).version;
      } catch {
        return; // the server died
      }
      edit = {
        key: `w${w}-${++state.seq}-${randomBytes(3).toString('hex')}`,
        session,
        state: state.next,
        ifMatch: version,
      };
    }
    tally.sentThisRound++;
    const sentAt = performance.now();
    const answer = await send(url, token, edit);
    if (answer) tally.editMs.push(performance.now() - sentAt);
    if (!answer) {
      if (!retry) tally.unanswered++;
      state.pending = edit;
      return;
    }
    state.pending = undefined;
    if (answer.status === 200) {
      const version = (JSON.parse(answer.body) as { version: number }).version;
      tally.acked.push({ key: edit.key, version, session, state: edit.state });
      if (retry && answer.replayed) tally.retriedReplayed++;
      else if (retry) tally.retriedFresh++;
      state.next = edit.state === 'final' ? 'provisional' : 'final';
    } else if (answer.status === 412) {
      tally.refusedKeys.push(edit.key);
      if (retry) tally.retriedRefused++;
      else tally.refused++;
    } else tally.otherAnswers.push(`${answer.status} ${answer.body.slice(0, 200)}`);
  }
}

async function main(): Promise<void> {
  const argv = process.argv;
  const opt = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  const pgUrl = opt('--pg');
  const kills = Number(opt('--kills') ?? (pgUrl ? 25 : 100));
  const answerDelayMs = Number(opt('--answer-delay') ?? 0);
  const dir = await mkdtemp(join(tmpdir(), 'paddock-crash-'));
  const schema = `paddock_crash_${randomBytes(4).toString('hex')}`;
  const database: OpenOptions = pgUrl ? { url: pgUrl, pgSchema: schema } : { file: join(dir, 'paddock.db') };
  const { Paddock } = await import('../../src/app/index.js');
  const failures: string[] = [];
  const started = performance.now();
  try {
    // The season, the built-in seasons (so each start has nothing to import), a steward's token.
    const setup = await Paddock.open(database);
    await setup.refreshBuiltIns();
    if (!(await setup.addUser('crash@example.com', 'steward', PASSWORD, undefined, [SERIES])).ok)
      throw new Error('could not add the steward');
    const made = await setup.createApiToken('crash@example.com', { name: 'crash campaign' });
    if (!made.ok) throw new Error(JSON.stringify(made.issues));
    const token = made.value.token;
    await setup.close();

    const tally: Tally = {
      sentThisRound: 0,
      editMs: [],
      acked: [],
      refusedKeys: [],
      refused: 0,
      unanswered: 0,
      retriedReplayed: 0,
      retriedFresh: 0,
      retriedRefused: 0,
      otherAnswers: [],
    };
    const writers: WriterState[] = [0, 1].map(() => ({ seq: 0, next: 'final' }));
    for (let k = 0; k <= kills; k++) {
      const { proc, url } = await startChild(database, answerDelayMs);
      tally.sentThisRound = 0;
      const last = k === kills;
      const running = writers.map((state, w) => writer(w, url, token, tally, state, last));
      if (last) {
        // The last server is not killed: it answers the edits left unanswered, then stops.
        await Promise.all(running);
        proc.kill('SIGTERM');
      } else {
        // Killed at a random moment once the writers are at work: after a random number of edits
        // sent (1 to 8), within about two edits' time, so kills land before, during and after
        // writes alike and every round makes progress.
        const sent = 1 + Math.floor(Math.random() * 8);
        while (tally.sentThisRound < sent && proc.exitCode === null)
          await new Promise((r) => setTimeout(r, 5));
        const recent = tally.editMs.slice(-20);
        const typical = recent.length ? recent.reduce((a, b) => a + b, 0) / recent.length : 100;
        await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 2 * (typical + 20))));
        proc.kill('SIGKILL');
      }
      await new Promise((r) => proc.once('exit', r));
      await Promise.all(running);
      if (pgUrl === undefined) {
        const db = new Database(join(dir, 'paddock.db'));
        const check = db.pragma('integrity_check', { simple: true });
        db.close();
        if (check !== 'ok') failures.push(`after kill ${k + 1}: integrity_check says ${String(check)}`);
      }
      if (k % 10 === 9) process.stdout.write(`  ${k + 1} kills, ${tally.acked.length} acknowledged edits\n`);
    }
    const leftPending = writers.filter((w) => w.pending).length;

    // The history against what was acknowledged.
    const app = await Paddock.open(database, { builtIns: false, folders: false });
    const history = await app.history(SEASON, 100_000);
    if (!history.ok) throw new Error(JSON.stringify(history.issues));
    const byReason = new Map<string, number[]>();
    for (const r of history.value.revisions)
      byReason.set(r.reason, [...(byReason.get(r.reason) ?? []), r.version]);
    const twice = [...byReason].filter(([reason, versions]) => /^w\d-/.test(reason) && versions.length > 1);
    for (const [reason, versions] of twice)
      failures.push(`${reason} applied ${versions.length} times (${versions.join(', ')})`);
    // An edit the client was told was refused must not be in the history either.
    const appliedThoughRefused = tally.refusedKeys.filter((k) => byReason.has(k));
    for (const k of appliedThoughRefused)
      failures.push(`${k}: answered 412 (not applied), but the history has it`);
    let lost = 0;
    let wrong = 0;
    for (const a of tally.acked) {
      const versions = byReason.get(a.key) ?? [];
      if (!versions.includes(a.version)) {
        lost++;
        failures.push(
          `${a.key}: acknowledged as version ${a.version}, history has ${versions.join(', ') || 'nothing'}`,
        );
        continue;
      }
      const at = await app.open(SEASON, { version: a.version });
      if (!at.ok) {
        wrong++;
        failures.push(`version ${a.version} does not load: ${JSON.stringify(at.issues).slice(0, 200)}`);
        continue;
      }
      // The acknowledged change is what that version holds: the state it set, nothing half-done.
      const held = at.value.loaded.season.classifications.find((c) => c.sessionId === a.session)?.state;
      if (held !== a.state) {
        wrong++;
        failures.push(`${a.key}: version ${a.version} holds ${a.session} ${String(held)}, not ${a.state}`);
      }
    }
    // Every revision made by the campaign loads (none half-applied).
    let loaded = 0;
    for (const r of history.value.revisions) {
      const at = await app.open(SEASON, { version: r.version });
      if (at.ok) loaded++;
      else failures.push(`revision ${r.version} does not load`);
    }
    await app.close();
    const applied = [...byReason].filter(([reason]) => /^w\d-/.test(reason)).length;
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `Crash campaign on ${pgUrl ? 'PostgreSQL' : 'SQLite'}: ${kills} SIGKILLs under two writers, ${seconds.toFixed(0)} s` +
        (answerDelayMs ? `, each answer held ${answerDelayMs} ms after its commit (power check)` : ''),
    );
    console.log(
      `  edits acknowledged ${tally.acked.length}, refused as stale ${tally.refused}, left unanswered by a kill ${tally.unanswered}`,
    );
    console.log(
      `  unanswered edits sent again: ${tally.retriedReplayed} got the kept answer, ${tally.retriedFresh} applied afresh, ${tally.retriedRefused} refused as stale (not applied), ${leftPending} never answered`,
    );
    console.log(
      `  campaign revisions in the history ${applied}, revisions that load ${loaded} of ${history.value.revisions.length}`,
    );
    console.log(
      `  acknowledged edits lost ${lost}, not held by their version ${wrong}, applied twice ${twice.length}, applied though answered as refused ${appliedThoughRefused.length}`,
    );
    if (tally.otherAnswers.length) failures.push(...tally.otherAnswers.map((a) => `unexpected answer ${a}`));
    console.log(
      failures.length
        ? `  FAILURES ${failures.length}:\n    ${failures.slice(0, 20).join('\n    ')}`
        : '  failures 0',
    );
    if (failures.length) process.exitCode = 1;
  } finally {
    await rm(dir, { recursive: true, force: true });
    if (pgUrl) {
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
  }
}

if (process.argv[2] === '--serve')
  await child(JSON.parse(process.argv[3]!) as OpenOptions, Number(process.argv[4] ?? 0));
else await main();
