import type { Command } from 'commander';
import { importF1db } from '../../importers/f1db/import-f1db.js';
import { CliFailure, EXIT } from '../io.js';
import type { CliIo } from '../io.js';

/** "1988" or "1950-1960" as a list of years, or undefined when it is neither. */
function parseYears(text: string): number[] | undefined {
  const m = /^(\d{4})(?:-(\d{4}))?$/.exec(text.trim());
  if (!m) return undefined;
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  return to < from ? undefined : Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** `paddock import-f1db <checkout> [--season YEAR] [--out DIR] [--force]`: season folders from f1db. */
export function register(program: Command, io: CliIo): void {
  program
    .command('import-f1db')
    .description('write Formula One season folders (f1-YYYY) from an f1db checkout (github.com/f1db/f1db)')
    .argument('<checkout>', 'an f1db clone, or a copy of its src/data tree in the same layout')
    .option('--season <years>', 'one season (1988) or a span (1950-1960); every season by default')
    .option('--out <dir>', 'the folder to write f1-YYYY/ folders into', '.')
    .option('--force', 'replace season folders that exist')
    .action(async (checkout: string, opts: { season?: string; out: string; force?: boolean }) => {
      const years = opts.season === undefined ? undefined : parseYears(opts.season);
      if (opts.season !== undefined && years === undefined)
        throw new CliFailure(
          [
            {
              code: 'usage.season',
              path: ['--season'],
              message: `--season "${opts.season}" is not a year or a span of years`,
              hint: 'Give a year such as 1988 or a span such as 1950-1960.',
            },
          ],
          EXIT.usage,
        );
      const result = await importF1db(
        checkout,
        opts.out,
        { ...(years ? { years } : {}), ...(opts.force ? { force: true } : {}) },
        ({ dir, imported: { season } }) => {
          const races = season.sessions.filter((s) => s.type === 'race').length;
          const run = season.classifications.filter((c) =>
            season.sessions.some((s) => s.id === c.sessionId && s.type === 'race'),
          ).length;
          io.out(
            `wrote ${season.name} to ${dir}: ${races} races (${run} run), ${season.entries.length} entries, ` +
              `${season.awards.length} awards, ${season.published.length} published standings`,
          );
        },
      );
      if (!result.ok)
        throw new CliFailure(
          result.issues,
          result.issues.every((i) => i.code === 'folder.exists') ? EXIT.usage : EXIT.problems,
        );
    });
}
