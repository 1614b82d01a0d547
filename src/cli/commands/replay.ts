/**
 * `paddock replay <recording> --port N [--speed X]`: serves a recorded RMonitor stream over TCP at
 * its original pace or faster, to every client that connects, until stopped (or, with --once,
 * until the first client has had all of it or left).
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { formatClock } from '../../live/rmonitor.js';
import { scheduleRecording, startReplay } from '../../live/replay.js';
import { CliFailure } from '../io.js';
import type { CliIo } from '../io.js';

const portOption = (value: string): number => {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535)
    throw new InvalidArgumentError('give a port number such as 50000');
  return Number(value);
};

const speedOption = (value: string): number => {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !(n > 0))
    throw new InvalidArgumentError('give a positive number such as 10');
  return n;
};

interface ReplayOptions {
  port: number;
  host: string;
  speed: number;
  loop?: boolean;
  once?: boolean;
}

/** `paddock replay <recording> --port N [--speed X]` */
export function register(program: Command, io: CliIo): void {
  program
    .command('replay')
    .description('serve a recorded RMonitor stream over TCP at its original pace or faster')
    .argument('<recording>', 'the recorded stream (data/live/2024-pccna-race-16.rmonitor is shipped)')
    .requiredOption('-p, --port <port>', 'port to listen on (0: any free port)', portOption)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('-s, --speed <x>', 'pace: 1 is the original, 10 ten times faster', speedOption, 1)
    .option('--loop', 'start again from the beginning at the end')
    .option('--once', 'stop when the first client has had the whole recording or has left')
    .action(async (file: string, opts: ReplayOptions) => {
      let text: string;
      try {
        // Latin-1 maps every byte to one character: the bytes go out as they were recorded.
        text = await readFile(file, 'latin1');
      } catch (e) {
        throw new CliFailure([
          {
            code: 'file.unreadable',
            path: [file],
            message: `cannot read ${file}: ${(e as Error).message}`,
            location: { file },
          },
        ]);
      }
      const recording = scheduleRecording(text);
      if (!recording.lines.length)
        throw new CliFailure([
          { code: 'replay.empty', path: [file], message: `${file} holds no lines`, location: { file } },
        ]);
      let finish: () => void = () => {};
      const done = new Promise<void>((resolve) => (finish = resolve));
      const server = await startReplay({
        recording,
        port: opts.port,
        host: opts.host,
        speed: opts.speed,
        ...(opts.loop ? { loop: true } : {}),
        onEvent: (e) => {
          if (e.kind === 'client') io.err(`client ${e.remote} connected`);
          else if (e.kind === 'client-gone') {
            io.err(`client ${e.remote} left (${e.reason})`);
            if (opts.once) finish();
          } else {
            io.err(`client ${e.remote} had all ${e.lines} lines`);
            if (opts.once) finish();
          }
        },
      }).catch((e: Error) => {
        throw new CliFailure([
          {
            code: 'replay.listen',
            path: [],
            message: `cannot listen on ${opts.host}:${opts.port}: ${e.message}`,
          },
        ]);
      });
      const duration = recording.atMs.at(-1)! / opts.speed;
      io.out(
        `replaying ${file} (${recording.lines.length} lines, ${formatClock(duration, false)} at ${opts.speed}x) on ${opts.host}:${server.port}`,
      );
      process.once('SIGINT', finish);
      process.once('SIGTERM', finish);
      try {
        await done;
      } finally {
        process.off('SIGINT', finish);
        process.off('SIGTERM', finish);
        await server.close();
      }
    });
}
