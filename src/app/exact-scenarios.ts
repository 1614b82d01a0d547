/**
 * Title scenarios with every worst-position range the engine's searches leave open handed to an
 * integer-program solver (docs/decisions/0007-exact-title-scenarios.md, "Thirteenth session").
 * The solver (highs-solver.ts, HiGHS compiled to WebAssembly) is imported only when such a range
 * exists: commands and pages whose ranges the searches settle never load it.
 */
import type { Result, Rulebook, Season } from '../engine/index.js';
import { titleScenarios } from '../engine/scenarios/index.js';
import type { ProgramSolver, SeasonScenarios } from '../engine/scenarios/index.js';

/** The solver (HiGHS), imported and instantiated on first use. */
export async function loadScenarioSolver(): Promise<ProgramSolver> {
  const { loadHighsSolver } = await import('./highs-solver.js');
  return loadHighsSolver();
}

type ScenarioOptions = NonNullable<Parameters<typeof titleScenarios>[2]>;

/** `titleScenarios`, then again with the solver for the championships with a range still open. */
export async function exactTitleScenarios(
  season: Season,
  rulebook: Rulebook,
  options: Omit<ScenarioOptions, 'solver'> = {},
): Promise<Result<SeasonScenarios>> {
  const searched = titleScenarios(season, rulebook, options);
  if (!searched.ok || options.bestOnly) return searched;
  const open = searched.value.championships
    .filter((c) => c.outlooks.some((o) => !o.worstExact))
    .map((c) => c.id);
  if (open.length === 0) return searched;
  const solver = await loadScenarioSolver();
  const solved = titleScenarios(season, rulebook, { ...options, championships: open, solver });
  if (!solved.ok) return solved;
  const byId = new Map(solved.value.championships.map((c) => [c.id, c]));
  return {
    ok: true,
    value: {
      ...searched.value,
      championships: searched.value.championships.map((c) => byId.get(c.id) ?? c),
    },
  };
}
