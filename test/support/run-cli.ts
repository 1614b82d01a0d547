import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';

/** Runs `paddock ...args` in-process and captures its output (one line per write) and exit code. */
export async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (t) => void (out += `${t}\n`),
    err: (t) => void (err += `${t}\n`),
    color: false,
    isTTY: false,
  };
  const code = await main(['node', 'paddock', ...args], io);
  return { code, out, err };
}

/** Runs `paddock ...args` with environment variables set for the run only (as `NAME=value paddock ...`). */
export async function runWith(
  env: Readonly<Record<string, string>>,
  ...args: string[]
): Promise<{ code: number; out: string; err: string }> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await run(...args);
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** Shell words: single and double quotes honoured. */
export const words = (line: string): string[] =>
  [...line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);

/** A README command line: leading `NAME="value"` assignments, then `paddock` and its arguments. */
export function commandLine(line: string): { env: Record<string, string>; args: string[] } {
  const env: Record<string, string> = {};
  let rest = line;
  for (
    let m;
    (m = /^([A-Z_][A-Z0-9_]*)=("([^"]*)"|'([^']*)'|(\S*))\s+/.exec(rest));
    rest = rest.slice(m[0].length)
  )
    env[m[1]!] = m[3] ?? m[4] ?? m[5] ?? '';
  return { env, args: words(rest).slice(1) };
}

/** Whether a line runs paddock (after any environment assignments). */
export const isPaddockLine = (line: string): boolean =>
  /^([A-Z_][A-Z0-9_]*=("[^"]*"|'[^']*'|\S*)\s+)*paddock /.test(line);
