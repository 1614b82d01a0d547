/** Prints compared standings (what-if, another rulebook) as tables with the places gained or lost. */
import { formatDisplay } from '../../engine/index.js';
import type { ComparedChampionship } from '../../engine/scenarios/index.js';
import { paint } from '../io.js';
import type { CliIo } from '../io.js';
import { renderTable } from '../table.js';

const movedText = (moved: number | undefined) =>
  moved === undefined ? 'new' : moved > 0 ? `+${moved}` : moved < 0 ? `${moved}` : '';

/** One table per championship: position, competitor, points, then the base position and points. */
export function printCompared(io: CliIo, compared: readonly ComparedChampionship[], baseLabel: string): void {
  for (const c of compared) {
    io.out('');
    io.out(paint(io, 1, c.name));
    io.out(
      renderTable(
        ['Pos', 'Competitor', 'Points', baseLabel, 'Points', 'Moved'],
        c.rows.map((r) => [
          r.position === undefined ? '-' : `${r.position}${r.shared ? '=' : ''}`,
          r.competitor.name,
          r.points === undefined ? '-' : formatDisplay(r.points),
          r.basePosition === undefined ? '-' : `${r.basePosition}`,
          r.basePoints === undefined ? '-' : formatDisplay(r.basePoints),
          r.position === undefined ? 'out' : movedText(r.moved),
        ]),
        [0, 2, 3, 4, 5],
      ),
    );
  }
}
