import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { ROLES } from '../../app/index.js';
import { withApp, withDbOption } from '../app.js';
import type { DbOption } from '../app.js';
import { CliFailure, EXIT } from '../io.js';
import type { CliIo } from '../io.js';

/** Reads the password: asked for on a terminal (not echoed), else the first line of stdin. */
async function readPassword(): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    const rl = createInterface({ input, terminal: false });
    for await (const line of rl) {
      rl.close();
      return line;
    }
    return '';
  }
  process.stdout.write('Password: ');
  input.setRawMode(true);
  input.resume();
  let password = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          input.setRawMode(false);
          input.pause();
          input.off('data', onData);
          process.stdout.write('\n');
          return resolve(password);
        }
        if (ch === '\u0003') {
          input.setRawMode(false);
          return reject(
            new CliFailure([{ code: 'user.cancelled', path: [], message: 'cancelled' }], EXIT.usage),
          );
        }
        if (ch === '\u007f') password = password.slice(0, -1);
        else password += ch;
      }
    };
    input.on('data', onData);
  });
}

/** `paddock user add <email> --role admin|steward|viewer [--password ...]` */
export function register(program: Command, io: CliIo): void {
  const user = program.command('user').description('manage the accounts that may log in to the server');
  withDbOption(user.command('add'))
    .description('create an account (or reset its role and password); the password is asked for unless given')
    .argument('<email>', 'email address to log in with')
    .requiredOption('-r, --role <role>', `one of ${ROLES.join(', ')}`)
    .option('-p, --password <password>', 'the password (else asked for, or read from stdin)')
    .action(async (email: string, opts: DbOption & { role: string; password?: string }) => {
      const password = opts.password ?? (await readPassword());
      await withApp(
        opts,
        async (app) => {
          const added = await app.addUser(email, opts.role, password);
          if (!added.ok) throw new CliFailure(added.issues, EXIT.usage);
          io.out(`${added.value.email} can log in as ${added.value.role} (${app.where})`);
        },
        { write: true },
      );
    });
}
