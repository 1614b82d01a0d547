/**
 * The integer-program port of the title scenarios (engine/scenarios/integer-program.ts) solved by
 * HiGHS, compiled to WebAssembly (npm `highs`, MIT; docs/decisions/0007-exact-title-scenarios.md,
 * "Thirteenth session"). Loaded only when a worst-position range is still open after the engine's
 * own searches (exact-scenarios.ts imports this module dynamically): the WebAssembly module costs
 * tens of milliseconds to instantiate, which commands that never need it do not pay.
 */
import highsPackage from 'highs';
import type { Highs } from 'highs';
import type { IntegerProgram, ProgramSolution, ProgramSolver } from '../engine/scenarios/integer-program.js';

type Loader = () => Promise<Highs>;
/**
 * The package's ES build exports the loader as its default; its types describe the CommonJS
 * build, whose default TypeScript (NodeNext) reads one `.default` further in.
 */
const loadHighs: Loader =
  typeof highsPackage === 'function'
    ? highsPackage
    : (highsPackage as unknown as { default: Loader }).default;

let loading: Promise<Highs> | undefined;

/** A solver for the engine's integer programs (the WebAssembly module is instantiated once). */
export async function loadHighsSolver(): Promise<ProgramSolver> {
  const highs = await (loading ??= loadHighs());
  return (program) => solveWith(highs, program);
}

function solveWith(highs: Highs, program: IntegerProgram): ProgramSolution {
  const { columns, rows } = program;
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const row of rows) {
    for (let i = 0; i < row.columns.length; i++) {
      indices.push(row.columns[i]!);
      values.push(row.values[i]!);
    }
    starts.push(indices.length);
  }
  const inf = highs.infinity;
  const bound = (v: number) => (v === Infinity ? inf : v === -Infinity ? -inf : v);
  const model = highs.createModel({
    numCols: columns,
    numRows: rows.length,
    sense: highs.constants.objectiveSense.maximize,
    colCost: program.cost,
    colLower: new Float64Array(columns),
    colUpper: program.upper,
    rowLower: rows.map((r) => bound(r.lower)),
    rowUpper: rows.map((r) => bound(r.upper)),
    matrix: { format: 'csr', numRows: rows.length, numCols: columns, starts, indices, values },
    integrality: program.integer.map((i) =>
      i ? highs.constants.variableType.integer : highs.constants.variableType.continuous,
    ),
  });
  try {
    // Deterministic: a node limit, not a time limit; no relative gap (the optimum is a count).
    model.options.set({
      output_flag: false,
      mip_rel_gap: 0,
      mip_max_nodes: program.maxNodes,
      random_seed: 0,
      // For a witness: cutting planes aged out at once, a pool of one. The reference season's
      // overall table after race 13 with the solver: 5.9 s against 9.1 s in one run (77 programs
      // both ways, the same ranges proven; with presolve off too Benítez's stayed open).
      ...(program.quick ? { mip_lp_age_limit: 1, mip_pool_soft_limit: 1 } : {}),
    });
    const { modelStatus } = model.run();
    const status = highs.constants.modelStatus;
    if (modelStatus === status.infeasible)
      return { status: 'infeasible', bound: -Infinity, values: undefined };
    const solved = modelStatus === status.optimal;
    const linear = !program.integer.some((i) => i);
    // A linear program's optimum is its bound; a MIP's proven bound is its dual bound.
    const dual = linear ? NaN : Number(model.info.get('mip_dual_bound'));
    const hasSolution = Number(model.info.get('primal_solution_status')) > 0;
    const solution = hasSolution ? model.getSolution() : undefined;
    const found = solution ? Array.from(solution.colValue) : undefined;
    const duals = solution && linear && solved ? { duals: Array.from(solution.rowDual) } : {};
    // Optimal within HiGHS's absolute gap: its dual bound, if above the optimum, is the safe figure.
    if (solved)
      return {
        status: 'optimal',
        bound: Number.isFinite(dual) ? Math.max(dual, model.getObjectiveValue()) : model.getObjectiveValue(),
        values: found,
        ...duals,
      };
    if (!Number.isFinite(dual)) return { status: 'stopped', bound: Infinity, values: found };
    return { status: 'stopped', bound: dual, values: found };
  } finally {
    model.dispose();
  }
}
