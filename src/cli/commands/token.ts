/**
 * `paddock token create|list|revoke`: API tokens for `Authorization: Bearer` (docs/server.md).
 * A token is shown once, when it is made; the database keeps only its SHA-256.
 */
import type { Command } from 'commander';
import { SERIES_ROLES } from '../../app/index.js';
import type { ApiToken } from '../../app/index.js';
import { withApp, withDbOption } from '../app.js';
import type { DbOption } from '../app.js';
import { CliFailure, EXIT } from '../io.js';
import type { CliIo } from '../io.js';

const scopeOf = (t: ApiToken) => `${t.role ?? 'own roles'} in ${t.series ?? 'every series'}`;

export function register(program: Command, io: CliIo): void {
  const token = program.command('token').description('API tokens for the write API (Authorization: Bearer)');
  withDbOption(token.command('create'))
    .description('create a token for an account; it is printed once and never shown again')
    .argument('<email>', 'the account the token acts as')
    .requiredOption('-n, --name <name>', 'what the token is for ("timing import", "ci")')
    .option('-s, --series <id>', 'only this series (default: every series the account has a role in)')
    .option('-r, --role <role>', `at most this role: ${SERIES_ROLES.join(', ')} (default: the account's own)`)
    .action(async (email: string, opts: DbOption & { name: string; series?: string; role?: string }) => {
      await withApp(
        opts,
        async (app) => {
          const made = await app.createApiToken(email, {
            name: opts.name,
            series: opts.series,
            role: opts.role,
          });
          if (!made.ok) throw new CliFailure(made.issues, EXIT.usage);
          io.out(made.value.token);
          io.err(
            `token ${made.value.info.id} for ${made.value.info.email} (${scopeOf(made.value.info)}): keep it secret; it is not shown again`,
          );
        },
        { write: true, needDatabase: true },
      );
    });
  withDbOption(token.command('list'))
    .description("list tokens (an account's, or every account's): id, account, scope, created, revoked")
    .argument('[email]', 'only this account')
    .action(async (email: string | undefined, opts: DbOption) => {
      await withApp(
        opts,
        async (app) => {
          const tokens = await app.listApiTokens(email);
          if (!tokens.length) io.out('no tokens');
          for (const t of tokens)
            io.out(
              `${t.id}  ${t.email}  "${t.name}"  ${scopeOf(t)}  created ${t.createdAt}${t.revokedAt ? `  revoked ${t.revokedAt}` : ''}`,
            );
        },
        { needDatabase: true },
      );
    });
  withDbOption(token.command('revoke'))
    .description('revoke a token by its id (from token list); it stops working at once')
    .argument('<id>', 'the token id')
    .action(async (id: string, opts: DbOption) => {
      await withApp(
        opts,
        async (app) => {
          const revoked = await app.revokeApiToken(id);
          if (!revoked.ok) throw new CliFailure(revoked.issues, EXIT.usage);
          io.out(`revoked token ${id}`);
        },
        { write: true, needDatabase: true },
      );
    });
}
