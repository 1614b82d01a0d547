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
