/**
 * The result at the flag: the final running order saved as the race's provisional
 * classification through the importers' path (`planImport` matches, checks and diffs; nothing is
 * written when a car is unmatched or a row is wrong), with the live fastest lap written to
 * awards.csv beside it. After saving, the season's standings are the last live tables.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Award, Season, Session } from '../engine/index.js';
import { seasonFolderFiles } from '../formats/write-season-folder.js';
import type { Mappings } from '../importers/results/match-entries.js';
import { applyImport, planImport } from '../importers/results/plan-import.js';
import type { ImportPlan } from '../importers/results/plan-import.js';
import { importedRowsOf } from './live-session.js';
import { withLiveAwards } from './live-standings.js';
import type { RunningOrder } from './running-order.js';

export interface LiveSavePlan {
  readonly plan: ImportPlan;
  /** The session's fastest-lap awards to write (the live ones). */
  readonly awards: readonly Award[];
  /** The text of awards.csv after saving, when it changes. */
  readonly awardsText?: string;
}

/**
 * Plans saving `order` as the session's provisional result; `plan.issues` and `plan.unmatched`
 * say why it cannot be saved.
 */
export function planLiveSave(
  season: Season,
  session: Session,
  order: RunningOrder,
  awards: readonly Award[],
  mappings: Mappings,
  assignments: Mappings,
  source: string,
): LiveSavePlan {
  const plan = planImport(
    season,
    session,
    { rows: importedRowsOf(order), issues: [], state: 'provisional' },
    mappings,
    assignments,
    source,
  );
  const next = withLiveAwards(season.awards, session.id, awards);
  const changed = JSON.stringify(next) !== JSON.stringify(season.awards);
  const awardsText = changed
    ? seasonFolderFiles({ ...season, awards: next }, '').get('awards.csv')
    : undefined;
  return { plan, awards, ...(awardsText === undefined ? {} : { awardsText }) };
}

/** Writes a plan without issues into a season folder. */
export async function saveLiveResult(dir: string, save: LiveSavePlan): Promise<void> {
  await applyImport(dir, save.plan);
  if (save.awardsText === undefined) return;
  const target = join(dir, 'awards.csv');
  if ((await readFile(target, 'utf8').catch(() => undefined)) === save.awardsText) return;
  const temp = `${target}.tmp-${process.pid}`;
  await writeFile(temp, save.awardsText, 'utf8');
  await rename(temp, target);
}
