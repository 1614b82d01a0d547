/**
 * The driver the fuzz campaigns share: runs tasks in a child process that reports when each task
 * starts and what came out, kills it when a task gives no answer in time (a hang), restarts it
 * after a hang or a dead process (a crash), and collects every outcome in task order.
 */
import { fork } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A task that runs longer than this is a hang. */
export const HANG_MS = 10_000;

/** `text` as a literal inside a RegExp (the campaigns match messages that start with a path). */
export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface Outcome<T> {
  readonly task: T;
  readonly code: number | 'crash' | 'hang';
  readonly ms: number;
  /** A failure of the campaign's rules, in words (undefined: none). */
  readonly failure?: string;
}

type Message<T> = { start?: number; outcome?: Outcome<T>; end?: boolean };

/**
 * Parent: runs `tasks` through `script` (a module whose `childMain` is called with `child` and
 * the arguments below), restarting it after a hang or crash.
 */
export async function runInChildren<T>(
  script: string,
  tasks: readonly T[],
  dir: string,
  extra: readonly string[] = [],
): Promise<Outcome<T>[]> {
  const tasksFile = join(dir, 'tasks.json');
  await writeFile(tasksFile, JSON.stringify(tasks));
  const outcomes: Outcome<T>[] = [];
  let from = 0;
  while (from < tasks.length) {
    from = await new Promise<number>((resolve) => {
      const c = fork(script, ['child', tasksFile, String(from), ...extra], {
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      let current = from;
      let timer: NodeJS.Timeout | undefined;
      let done = false;
      c.on('message', (m: Message<T>) => {
        if (m.start !== undefined) {
          current = m.start;
          clearTimeout(timer);
          timer = setTimeout(() => {
            outcomes.push({
              task: tasks[current]!,
              code: 'hang',
              ms: HANG_MS,
              failure: `no answer in ${HANG_MS / 1000} s`,
            });
            done = true;
            c.kill('SIGKILL');
            resolve(current + 1);
          }, HANG_MS * 3);
        }
        if (m.outcome) outcomes.push(m.outcome);
        if (m.end) {
          clearTimeout(timer);
          done = true;
          resolve(tasks.length);
        }
      });
      c.on('exit', (code) => {
        clearTimeout(timer);
        if (done) return;
        // The child died on a task (out of memory, a native crash): a crash, and on to the next.
        outcomes.push({
          task: tasks[current]!,
          code: 'crash',
          ms: 0,
          failure: `the process died (exit ${code})`,
        });
        resolve(current + 1);
      });
    });
  }
  // Outcomes arrive in order within a child; sort for the report.
  outcomes.sort((a, b) => tasks.indexOf(a.task) - tasks.indexOf(b.task));
  return outcomes;
}

/**
 * Child: reads the tasks and runs them from the given index with `run`, telling the parent when
 * each starts and what came out. `argv` is the child's arguments after 'child'.
 */
export async function childMain<T>(
  argv: readonly string[],
  run: (
    tasks: readonly T[],
    on: { start: (i: number) => void; outcome: (o: Outcome<T>) => void },
    from: number,
    extra: readonly string[],
  ) => Promise<unknown>,
): Promise<void> {
  const [tasksFile, fromText, ...extra] = argv;
  const tasks = JSON.parse(await readFile(tasksFile!, 'utf8')) as T[];
  await run(
    tasks,
    { start: (i) => process.send!({ start: i }), outcome: (o) => process.send!({ outcome: o }) },
    Number(fromText),
    extra,
  );
  process.send!({ end: true });
  process.disconnect();
}
