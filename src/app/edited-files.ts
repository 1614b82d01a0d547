/**
 * The files an edit changes. An edit from the site's forms is applied to the engine's Season
 * (season-edits.ts) and then written back into only the files that hold what it changed: a
 * session's results file, result-states.csv, awards.csv, or one adjustment appended to
 * adjustments.yaml (its comments kept). Every other file keeps its exact text.
 */
import type { Classification } from '../engine/index.js';
import { RESULT_STATES_FILE } from '../formats/result-states.js';
import type { LoadedSeason } from '../formats/season-folder.js';
import {
  appendAdjustmentText,
  awardsFileText,
  resultsFileName,
  resultsFileText,
  resultStatesFileText,
} from '../formats/write-season-folder.js';
import type { EditOutcome } from './season-edits.js';

const ADJUSTMENTS_FILE = 'adjustments.yaml';

const sameRows = (a: Classification | undefined, b: Classification | undefined) =>
  JSON.stringify(a?.rows) === JSON.stringify(b?.rows);

const statesOf = (classifications: readonly Classification[], decisions: ReadonlyMap<string, string>) =>
  JSON.stringify(
    classifications.map((c) => [c.sessionId, c.state ?? null, decisions.get(c.sessionId) ?? null]).sort(),
  );

/** The season's files after an edit (a new map; `loaded.files` is not changed). */
export function editedFiles(loaded: LoadedSeason, outcome: EditOutcome, reason: string): Map<string, string> {
  const files = new Map(loaded.files);
  const after = outcome.season;
  if (outcome.classification !== undefined) {
    const id = outcome.classification;
    const old = loaded.season.classifications.find((c) => c.sessionId === id);
    const changed = after.classifications.find((c) => c.sessionId === id);
    if (!changed) throw new Error(`editedFiles: the edit names session ${id}, which has no results`);
    if (!old || !sameRows(old, changed)) files.set(resultsFileName(id), resultsFileText(changed.rows));
    // An amended result keeps the decision that amended it; any other state has none.
    const decisions = new Map(loaded.decisions);
    if (changed.state === 'amended') decisions.set(id, reason);
    else decisions.delete(id);
    if (
      statesOf(loaded.season.classifications, loaded.decisions) !== statesOf(after.classifications, decisions)
    ) {
      const text = resultStatesFileText(after.classifications, decisions);
      if (text === undefined) files.delete(RESULT_STATES_FILE);
      else files.set(RESULT_STATES_FILE, text);
    }
  }
  if (outcome.awards) files.set('awards.csv', awardsFileText(after.awards));
  if (outcome.adjustments) {
    const added = after.adjustments.slice(loaded.season.adjustments.length);
    let text = files.get(ADJUSTMENTS_FILE);
    for (const a of added) text = appendAdjustmentText(text, a);
    if (text !== undefined) files.set(ADJUSTMENTS_FILE, text);
  }
  return files;
}
