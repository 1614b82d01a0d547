import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { EVERY_SERIES, SERIES_ROLES } from '../../app/index.js';
import { withApp, withDbOption } from '../app.js';
import type { DbOption } from '../app.js';
import { CliFailure, EXIT } from '../io.js';
import type { CliIo } from '../io.js';

/** The environment variable a script may set the new password in instead of standard input. */
export const PASSWORD_VARIABLE = 'PADDOCK_PASSWORD';

/**
 * Reads the password: from PADDOCK_PASSWORD when set, else asked for on a terminal (not echoed),
 * else the first line of stdin. Never from an argument, which other users see in the process list.
 */
async function readPassword(): Promise<string> {
  const fromEnv = process.env[PASSWORD_VARIABLE];
  if (fromEnv !== undefined) return fromEnv;
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

/**
 * `paddock user add <email> --role admin|organiser|steward|viewer [--series <id>...]` (the password from
 * PADDOCK_PASSWORD, the terminal or stdin)
 * `paddock user role <email> <series> <role|none>` and `paddock user name <email> <display name>`.
 */
export function register(program: Command, io: CliIo): void {
  const user = program.command('user').description('manage the accounts that may log in to the server');
  withDbOption(user.command('add'))
    .description(
      `create an account (or reset its password) with a role; the password is read from ${PASSWORD_VARIABLE}, else asked for (or the first line of stdin)`,
    )
    .argument('<email>', 'email address to log in with')
    .requiredOption(
      '-r, --role <role>',
      `admin (the instance administrator) or a role in series: ${SERIES_ROLES.join(', ')}`,
    )
    .option('-s, --series <id...>', `the series the role holds in (default: every series, "${EVERY_SERIES}")`)
    .option(
      '-n, --name <display name>',
      'the name its changes are shown under (the address only to administrators)',
    )
    .action(async (email: string, opts: DbOption & { role: string; series?: string[]; name?: string }) => {
      const password = await readPassword();
      await withApp(
        opts,
        async (app) => {
          const added = await app.addUser(email, opts.role, password, undefined, opts.series);
          if (!added.ok) throw new CliFailure(added.issues, EXIT.usage);
          if (opts.name !== undefined) {
            const named = await app.setDisplayName(added.value.email, opts.name);
            if (!named.ok) throw new CliFailure(named.issues, EXIT.usage);
          }
          const where = added.value.series.map((s) => (s === EVERY_SERIES ? 'every series' : s)).join(', ');
          io.out(
            `${added.value.email} can log in as ${added.value.role}${where ? ` of ${where}` : ''} (${app.where})`,
          );
        },
        { write: true },
      );
    });
  withDbOption(user.command('name'))
    .description("set the name an account's changes are shown under on the Changes page ('' clears it)")
    .argument('<email>', 'the account')
    .argument('<display-name>', 'the name, such as "Race Control" or "Jane Doe"')
    .action(async (email: string, name: string, opts: DbOption) => {
      await withApp(
        opts,
        async (app) => {
          const set = await app.setDisplayName(email, name);
          if (!set.ok) throw new CliFailure(set.issues, EXIT.usage);
          io.out(
            set.value.displayName === undefined
              ? `${set.value.email} has no display name`
              : `${set.value.email} is shown as ${set.value.displayName}`,
          );
        },
        { write: true, needDatabase: true },
      );
    });
  withDbOption(user.command('role'))
    .description('give an account a role in one series, or take it away with "none"')
    .argument('<email>', 'the account')
    .argument('<series>', `a series id ("${EVERY_SERIES}": every series)`)
    .argument('<role>', `${SERIES_ROLES.join(', ')} or none`)
    .action(async (email: string, series: string, role: string, opts: DbOption) => {
      await withApp(
        opts,
        async (app) => {
          const set = await app.setSeriesRole(email, series, role);
          if (!set.ok) throw new CliFailure(set.issues, EXIT.usage);
          const { email: who, role: given } = set.value;
          io.out(given === 'none' ? `${who} has no role in ${series}` : `${who} is ${given} of ${series}`);
        },
        { write: true, needDatabase: true },
      );
    });
}
