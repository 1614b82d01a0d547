/**
 * An integer program as plain data: the port through which the engine asks an outside solver
 * (docs/decisions/0007-exact-title-scenarios.md, "Thirteenth session"). The engine describes the
 * program and checks whatever comes back by scoring it; it never depends on a solver package. An
 * adapter outside the engine (src/app/highs-solver.ts) implements `ProgramSolver`.
 */

/** One linear constraint: lower <= sum(values[i] * x[columns[i]]) <= upper. */
export interface ProgramRow {
  readonly columns: readonly number[];
  readonly values: readonly number[];
  readonly lower: number;
  readonly upper: number;
}

/** Maximise sum(cost[j] * x[j]) subject to the rows and 0 <= x[j] <= upper[j] (integer where `integer[j]`). */
export interface IntegerProgram {
  readonly columns: number;
  readonly cost: readonly number[];
  readonly upper: readonly number[];
  readonly integer: readonly boolean[];
  readonly rows: readonly ProgramRow[];
  /** Branch-and-bound nodes the solver may spend (deterministic, unlike a time limit). */
  readonly maxNodes: number;
  /**
   * A good solution is wanted, not a proof: the solver may skip the work that only tightens its
   * bound (presolve, cutting planes). The bound it reports must still hold.
   */
  readonly quick?: boolean;
}

/**
 * What a solver proved: `optimal` (`bound` is the optimum, `values` an optimal solution),
 * `infeasible`, or `stopped` at its node limit (`bound` is still a proven upper bound on the
 * optimum, `values` the best solution found if any).
 */
export interface ProgramSolution {
  readonly status: 'optimal' | 'infeasible' | 'stopped';
  readonly bound: number;
  readonly values: readonly number[] | undefined;
  /**
   * Of a linear program (no integer columns) solved to optimality: each row's dual value (its
   * shadow price, in the solver's sign convention). The engine uses them only as prices to try:
   * the bounds it proves from them hold for any prices.
   */
  readonly duals?: readonly number[];
}

/** Solves an integer program (an adapter outside the engine: the engine stays free of packages). */
export type ProgramSolver = (program: IntegerProgram) => ProgramSolution;
