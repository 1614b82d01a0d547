/**
 * The engine's issues speak of the season (entries, teams, tie-breaks); this adds the words of
 * the files a person edits (`entries.csv`, `tie_breaks`), so the web editor, which has no files,
 * never tells anyone to fix a CSV file. Only loaders of folders and files call it.
 */
import type { Issue } from '../engine/index.js';
import { toFilePath } from './file-codec.js';

/** Where each kind of referenced thing is listed in a season folder. */
const LISTED_IN: Readonly<Record<string, string>> = {
  event: 'season.yaml lists the events.',
  class: 'season.yaml lists the classes.',
  team: 'teams.csv lists the teams.',
  driver: 'drivers.csv lists the drivers.',
  entry: 'entries.csv lists the entries.',
};

/** A sentence naming the file to fix, by issue code (and path where the code is shared). */
function fileNote(i: Issue): string | undefined {
  switch (i.code) {
    case 'session.unknown':
      return i.path[0] === 'results'
        ? 'Name the results file after a session id in season.yaml.'
        : 'season.yaml lists the sessions of each event.';
    case 'results.entry-outside-span':
      return "An entry's rounds are in entries.csv.";
    case 'entry.no-driver':
      return 'In entries.csv, list its drivers separated by ";".';
    case 'session.duplicate-race':
      return 'Race numbers are given to sessions in season.yaml.';
    default: {
      const [what, problem] = i.code.split('.');
      return problem === 'unknown' && what !== undefined ? LISTED_IN[what] : undefined;
    }
  }
}

/** The issue with its path in the file's field names and a note naming the file to fix. */
export function inFileWords(i: Issue): Issue {
  const note = fileNote(i);
  const path = toFilePath(i.path);
  if (note === undefined) return { ...i, path };
  return { ...i, path, hint: i.hint === undefined ? note : `${note} ${i.hint}` };
}
