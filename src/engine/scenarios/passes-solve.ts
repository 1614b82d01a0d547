/**
 * The integer programs of the worst-position question solved and checked (docs/decisions/
 * 0007-exact-title-scenarios.md, "Thirteenth session"): the bound by column generation over
 * patterns where it applies (passes-columns.ts), else the program by counts (passes-program.ts);
 * every witness scored by the engine.
 */
import type { Remainder } from '../compiled/types.js';
import type { ProgramSolver } from './integer-program.js';
import { passesIn } from './pass-question.js';
import type { PassQuestion } from './pass-question.js';
import { columnBound } from './passes-columns.js';
import { passesProgram, PROGRAM_NODES } from './passes-program.js';

/** What the program settled: a witness scored by the engine and a proven bound (both in rivals). */
export interface ProgramPasses {
  readonly passes: number;
  readonly witness: Remainder | undefined;
  readonly bound: number;
}

/**
 * Solves the program with `solver` and checks its answer: the solution's remainder scored by the
 * engine (rivals passing c there), and the solver's proven bound plus the rivals sure to pass.
 * Undefined when the solver proved nothing.
 */
export function solvePasses(
  question: PassQuestion,
  solver: ProgramSolver,
  known = 0,
  maxNodes = PROGRAM_NODES,
  byCounts = false,
): ProgramPasses | undefined {
  const { candidates } = question;
  // By column generation over patterns where it applies (a much tighter relaxation).
  const columns = byCounts ? undefined : columnBound(question, solver, known, maxNodes);
  if (columns) return { passes: columns.passes, witness: columns.witness, bound: columns.bound };
  const build = (strict: boolean) => passesProgram(question, maxNodes, strict);
  const built = build(false);
  const solution = solver(built.program);
  if (solution.status === 'infeasible') return undefined;
  // The optimum counts whole rivals: a bound a rounding error above an integer is that integer.
  const bound = built.sure + Math.floor(solution.bound + 1e-6);
  let passes = 0;
  let witness: Remainder | undefined;
  if (solution.values) {
    witness = built.realise(solution.values);
    passes = passesIn(question, witness);
  }
  if (passes < bound) {
    // Its solution may leave rivals level with c and behind on countback: the program again with
    // every rival a unit ahead gives another witness.
    const strict = build(true);
    const again = solver(strict.program);
    if (again.values) {
      const remainder = strict.realise(again.values);
      const n = passesIn(question, remainder);
      if (n > passes) {
        passes = n;
        witness = remainder;
      }
    }
  }
  return { passes, witness, bound: Math.min(bound, candidates.length) };
}
