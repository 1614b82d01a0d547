/**
 * The shipped demo recording: a synthetic race 16 (the finale at the Circuit of the Americas) of
 * the reference season. The script scripts/generate-live-recording.ts writes it; tests check
 * that the committed bytes are what this function gives.
 */
import { join } from 'node:path';
import type { Season } from '../engine/index.js';
import { DATA_DIR } from '../formats/catalog.js';
import { syntheticRace } from './synthetic-race.js';

export const RECORDING_FILE = join(DATA_DIR, 'live', '2024-pccna-race-16.rmonitor');

/** The recording's text, CR LF after every line as a timing system sends it. */
export function referenceRecording(season: Season): string {
  const lines = syntheticRace(season, {
    sessionId: 'race-16',
    laps: 14,
    yellowLaps: [6, 7],
    retirement: { entryId: '12-topp-racing-peter-atwater', afterLap: 8 },
    seed: 16,
    startTimeOfDayMs: (13 * 60 + 40) * 60_000,
    date: '20 Oct 24',
    trackName: 'Circuit of the Americas',
    trackLengthMiles: '3.426',
  });
  return lines.map((l) => `${l}\r\n`).join('');
}
