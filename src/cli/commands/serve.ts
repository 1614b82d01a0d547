import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { ServerStartError, startServer } from '../../server/start.js';
import { CliFailure, EXIT } from '../io.js';
import type { CliIo } from '../io.js';

const portOption = (value: string): number => {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535)
    throw new InvalidArgumentError('give a port number such as 3000');
  return Number(value);
};

/** `paddock serve`: the web server, as `npm start` runs it; it logs JSON lines (pino) on stdout. */
export function register(program: Command, _io: CliIo): void {
  program
    .command('serve')
    .description(
      'serve the web pages and JSON API (PORT, HOST, DATABASE_URL or PADDOCK_DB from the environment)',
    )
    .option('--port <port>', 'port to listen on (default PORT or 3000)', portOption)
    .option('--host <host>', 'address to listen on (default HOST or 127.0.0.1)')
    .action(async (opts: { port?: number; host?: string }) => {
      const started = await startServer({
        ...(opts.port === undefined ? {} : { port: opts.port }),
        ...(opts.host === undefined ? {} : { host: opts.host }),
      }).catch((e: unknown) => {
        if (!(e instanceof ServerStartError)) throw e;
        throw new CliFailure([{ code: 'server.cannot-listen', path: [], message: e.message }], EXIT.problems);
      });
      const { server, stop } = started;
      const once = () => void stop().then(() => process.exit(0));
      process.once('SIGINT', once);
      process.once('SIGTERM', once);
      // Keep running until stopped.
      await new Promise<void>((resolve) => server.on('close', () => resolve()));
    });
}
