/**
 * The CLI's one edge: output streams, colour only on a terminal, and the single mapping from
 * issues to messages and exit codes.
 */
import type { Issue } from '../engine/index.js';
import { formatLocation } from '../formats/locate.js';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  readonly color: boolean;
  readonly isTTY: boolean;
}

/**
 * A reader that stopped reading (`paddock check | head`) closes the pipe: the rest of the output
 * has nowhere to go, so the command ends quietly as Unix tools do, instead of crashing on EPIPE.
 */
function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr])
    if (!stream.listeners('error').includes(endOnEpipe)) stream.on('error', endOnEpipe);
}

function endOnEpipe(e: NodeJS.ErrnoException): void {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
}

export const processIo = (): CliIo => {
  quietOnClosedPipe();
  return {
    out: (t) => void process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => void process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
    color: Boolean(process.stdout.isTTY) && !process.env['NO_COLOR'],
    isTTY: Boolean(process.stdout.isTTY),
  };
};

/** Exit codes: 0 fine, 1 the data has problems, 2 the command was used wrongly. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

/** Thrown by commands to stop with issues; turned into messages and an exit code in main. */
export class CliFailure extends Error {
  constructor(
    readonly issues: readonly Issue[],
    readonly exitCode: number = EXIT.problems,
  ) {
    super(issues.map((i) => i.message).join('; '));
  }
}

/** One issue as a line a person can act on: "file:line:col: message (hint)". */
export function formatIssue(i: Issue): string {
  const where = i.location ? `${formatLocation(i.location)}: ` : i.path.length ? `${i.path.join('.')}: ` : '';
  return `${where}${i.message}${i.hint ? `\n    hint: ${i.hint}` : ''}`;
}

export const paint = (io: CliIo, code: number, text: string) =>
  io.color ? `\u001b[${code}m${text}\u001b[0m` : text;
