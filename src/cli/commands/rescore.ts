/** `paddock standings <season> --rulebook <preset|file>`: the season rescored under another rulebook, beside its own. */
import { loadRulebookFile } from '../../formats/rulebook-file.js';
import { resolvePreset } from '../../formats/catalog.js';
import { comparedView, rescore } from '../../engine/scenarios/index.js';
import type { SeasonVersion } from '../../app/index.js';
import { CliFailure, paint } from '../io.js';
import type { CliIo } from '../io.js';
import { sourceLine } from '../app.js';
import { printCompared } from './compared-table.js';

/** Prints (or writes as JSON) the season's standings under `rulebookArg`, a preset id or a rulebook file. */
export async function printRescored(
  io: CliIo,
  sv: SeasonVersion,
  rulebookArg: string,
  opts: { readonly championship?: string; readonly after?: number; readonly json?: boolean },
): Promise<void> {
  const loaded = await loadRulebookFile(resolvePreset(rulebookArg) ?? rulebookArg, resolvePreset);
  if (!loaded.ok) throw new CliFailure(loaded.issues);
  const other = loaded.value.rulebook;
  const { season, rulebook } = sv.loaded;
  const result = rescore(season, rulebook, other, {
    ...(opts.after === undefined ? {} : { afterRace: opts.after }),
    ...(opts.championship === undefined ? {} : { championships: [opts.championship] }),
  });
  if (!result.ok) throw new CliFailure(result.issues);
  const { standings, compared } = result.value;
  if (opts.json)
    return io.out(
      JSON.stringify(
        {
          season: standings.season,
          afterRace: standings.afterRace,
          rulebook: { id: other.id, name: other.name },
          baseRulebook: { id: rulebook.id, name: rulebook.name },
          championships: comparedView(compared),
        },
        null,
        2,
      ),
    );
  io.out(
    paint(io, 1, `${standings.season.name} under ${other.name}: standings after race ${standings.afterRace}`),
  );
  io.out(`Beside the season's own rulebook (${rulebook.name}).`);
  printCompared(io, compared, 'Own');
  io.out('');
  io.out(sourceLine(sv));
}
