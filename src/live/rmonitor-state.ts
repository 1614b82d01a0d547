/**
 * The scoreboard an RMonitor stream describes, rebuilt record by record: competitors ($A, $COMP),
 * classes ($C), positions ($G), best laps ($H), passings ($J), corrections ($COR) and the flag
 * ($F); $I clears it. `applyRecord` returns a new state (or the same object when the record
 * changed nothing) and never mutates its input, so a state can be kept, persisted and resumed.
 * The state is plain JSON.
 */
import type { Status } from '../engine/index.js';
import type { Flag, RMonitorRecord } from './rmonitor.js';
import type { RunningOrder, RunningOrderRow } from './running-order.js';

export type CarState = 'running' | 'retired' | 'excluded';

export interface FeedCompetitor {
  readonly regNo: string;
  readonly number: string;
  readonly transponder?: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly classId?: number;
  readonly state: CarState;
}

export interface CarProgress {
  readonly position?: number;
  readonly laps?: number;
  readonly totalTimeMs?: number;
  readonly bestLapMs?: number;
  readonly lapsLed: number;
  /** Which update set the position last: of two cars claiming one position, the later wins. */
  readonly updated: number;
}

export interface RMonitorState {
  readonly run?: { readonly run: number; readonly description: string };
  readonly classes: Readonly<Record<string, string>>;
  readonly competitors: Readonly<Record<string, FeedCompetitor>>;
  readonly progress: Readonly<Record<string, CarProgress>>;
  readonly settings: Readonly<Record<string, string>>;
  readonly flag: Flag;
  readonly lapsToGo?: number;
  readonly raceTimeMs?: number;
  /** The highest lap the leader has completed (laps led are counted once per lap). */
  readonly leaderLap: number;
  /** The leader's total time when it took the chequered flag; cars past it have finished. */
  readonly finishLineMs?: number;
  readonly updates: number;
}

export const INITIAL_RMONITOR_STATE: RMonitorState = {
  classes: {},
  competitors: {},
  progress: {},
  settings: {},
  flag: 'none',
  leaderLap: 0,
  updates: 0,
};

/** How far the leader's last passing may lie before the Finish heartbeat and still be its finish. */
const FINISH_WINDOW_MS = 10_000;

/** The IMSA car states carried in $COMP's nationality field; anything else leaves the state alone. */
function carStateOf(word: string): CarState | undefined {
  const w = word.trim().toLowerCase();
  if (w === '') return 'running';
  if (w === 'retired') return 'retired';
  if (w === 'excluded') return 'excluded';
  return undefined;
}

const noProgress: CarProgress = { lapsLed: 0, updated: 0 };

/** The state after one record. */
export function applyRecord(state: RMonitorState, record: RMonitorRecord): RMonitorState {
  const updates = state.updates + 1;
  const progressOf = (regNo: string) => state.progress[regNo] ?? noProgress;
  const withProgress = (
    regNo: string,
    p: CarProgress,
    extra: Partial<RMonitorState> = {},
  ): RMonitorState => ({
    ...state,
    ...extra,
    progress: { ...state.progress, [regNo]: p },
    updates,
  });
  switch (record.kind) {
    case 'competitor':
    case 'competitor-ext': {
      const before = state.competitors[record.regNo];
      const carState = record.kind === 'competitor-ext' ? carStateOf(record.nationality) : undefined;
      const transponder = record.kind === 'competitor' ? record.transponder : before?.transponder;
      const next: FeedCompetitor = {
        regNo: record.regNo,
        number: record.number,
        ...(transponder === undefined ? {} : { transponder }),
        firstName: record.firstName,
        lastName: record.lastName,
        ...(record.classId === undefined
          ? before?.classId === undefined
            ? {}
            : { classId: before.classId }
          : { classId: record.classId }),
        state: carState ?? before?.state ?? 'running',
      };
      if (before && JSON.stringify(before) === JSON.stringify(next)) return state;
      return { ...state, competitors: { ...state.competitors, [record.regNo]: next }, updates };
    }
    case 'class':
      if (state.classes[String(record.classId)] === record.description) return state;
      return { ...state, classes: { ...state.classes, [String(record.classId)]: record.description } };
    case 'run':
      if (state.run?.run === record.run && state.run.description === record.description) return state;
      return { ...state, run: { run: record.run, description: record.description } };
    case 'setting':
      if (state.settings[record.name] === record.value) return state;
      return { ...state, settings: { ...state.settings, [record.name]: record.value } };
    case 'heartbeat': {
      let finishLineMs = state.finishLineMs;
      if (record.flag === 'finish' && state.flag !== 'finish') {
        // The flag falls as the leader crosses: its last passing, if just now, is the finish line;
        // otherwise the next passing of any car is.
        const leader = Object.values(state.progress).find((p) => p.position === 1);
        const now = record.raceTimeMs ?? state.raceTimeMs;
        finishLineMs =
          leader?.totalTimeMs !== undefined &&
          (now === undefined || now - leader.totalTimeMs <= FINISH_WINDOW_MS)
            ? leader.totalTimeMs
            : undefined;
      } else if (record.flag !== 'finish') finishLineMs = undefined;
      const next: RMonitorState = {
        ...state,
        flag: record.flag,
        ...(record.lapsToGo === undefined ? {} : { lapsToGo: record.lapsToGo }),
        ...(record.raceTimeMs === undefined ? {} : { raceTimeMs: record.raceTimeMs }),
      };
      const { finishLineMs: _drop, ...rest } = next;
      return finishLineMs === undefined ? rest : { ...rest, finishLineMs };
    }
    case 'race-position': {
      const p = progressOf(record.regNo);
      const laps = record.laps ?? p.laps;
      const leads = record.position === 1 && laps !== undefined && laps > state.leaderLap;
      const next: CarProgress = {
        ...p,
        position: record.position,
        ...(laps === undefined ? {} : { laps }),
        ...(record.totalTimeMs === undefined ? {} : { totalTimeMs: record.totalTimeMs }),
        lapsLed: p.lapsLed + (leads ? 1 : 0),
        updated: updates,
      };
      if (
        !leads &&
        p.position === next.position &&
        p.laps === next.laps &&
        p.totalTimeMs === next.totalTimeMs
      )
        return state;
      return withProgress(record.regNo, next, leads ? { leaderLap: laps } : {});
    }
    case 'qualifying-position': {
      const p = progressOf(record.regNo);
      if (record.bestLapMs === undefined || p.bestLapMs === record.bestLapMs) return state;
      return withProgress(record.regNo, { ...p, bestLapMs: record.bestLapMs });
    }
    case 'passing':
    case 'correction': {
      const p = progressOf(record.regNo);
      if (record.totalTimeMs === undefined) return state;
      const laps = record.kind === 'correction' ? (record.laps ?? p.laps) : p.laps;
      const next: CarProgress = {
        ...p,
        totalTimeMs: record.totalTimeMs,
        ...(laps === undefined ? {} : { laps }),
      };
      const extra: Partial<RMonitorState> =
        state.flag === 'finish' && state.finishLineMs === undefined
          ? { finishLineMs: record.totalTimeMs }
          : {};
      return withProgress(record.regNo, next, extra);
    }
    case 'init':
      return { ...INITIAL_RMONITOR_STATE, settings: state.settings, updates };
    case 'line-crossing':
    case 'track':
      return state;
  }
}

const STATUS_OF: Readonly<Record<CarState, Status>> = {
  running: 'classified',
  retired: 'DNF',
  excluded: 'EX',
};

/** True once every running car has crossed the line after the leader took the chequered flag. */
export function hasFinished(state: RMonitorState): boolean {
  const line = state.finishLineMs;
  if (state.flag !== 'finish' || line === undefined) return false;
  return Object.entries(state.progress).every(([regNo, p]) => {
    const c = state.competitors[regNo];
    if (p.position === undefined || (c && c.state !== 'running')) return true;
    return p.totalTimeMs !== undefined && p.totalTimeMs >= line;
  });
}

/** The running order the scoreboard shows: running cars by position, then the others. */
export function runningOrderOf(state: RMonitorState): RunningOrder {
  const keys = new Set([...Object.keys(state.competitors), ...Object.keys(state.progress)]);
  const rows: (RunningOrderRow & { sort: [number, number, number] })[] = [];
  for (const regNo of keys) {
    const c = state.competitors[regNo];
    const p = state.progress[regNo] ?? noProgress;
    const status: Status = p.position === undefined ? 'DNS' : STATUS_OF[c?.state ?? 'running'];
    const name = c ? `${c.firstName} ${c.lastName}`.trim() : '';
    const className = c?.classId === undefined ? undefined : state.classes[String(c.classId)];
    rows.push({
      key: regNo,
      car: c?.number ?? regNo,
      ...(c?.transponder === undefined ? {} : { platformId: `transponder:${c.transponder}` }),
      drivers: name ? [name] : [],
      ...(className === undefined ? {} : { className }),
      status,
      ...(p.laps === undefined ? {} : { laps: p.laps }),
      ...(p.lapsLed ? { lapsLed: p.lapsLed } : {}),
      ...(p.bestLapMs === undefined ? {} : { bestLapMs: p.bestLapMs }),
      ...(p.totalTimeMs === undefined ? {} : { totalTimeMs: p.totalTimeMs }),
      sort: [status === 'classified' ? 0 : status === 'DNS' ? 2 : 1, p.position ?? Infinity, -p.updated],
    });
  }
  rows.sort(
    (a, b) =>
      a.sort[0] - b.sort[0] ||
      a.sort[1] - b.sort[1] ||
      a.sort[2] - b.sort[2] ||
      a.key.localeCompare(b.key, 'en', { numeric: true }),
  );
  return {
    rows: rows.map(({ sort: _sort, ...row }) => row),
    flag: state.flag,
    ...(state.lapsToGo === undefined ? {} : { lapsToGo: state.lapsToGo }),
    ...(state.raceTimeMs === undefined ? {} : { raceTimeMs: state.raceTimeMs }),
    finished: hasFinished(state),
  };
}
