import type { Command } from 'commander';
import { crawlSite, writeSite } from '../../exporters/static-site/static-site.js';
import { createApp } from '../../server/app.js';
import { Paddock } from '../../app/index.js';
import { cliChange, openSeason, orFail, withApp, withDbOption } from '../app.js';
import type { DbOption } from '../app.js';
import type { CliIo } from '../io.js';
import { CliFailure } from '../io.js';
import { assertReplaceable, FolderInUseError } from '../../formats/replace-folder.js';

/**
 * Pages for people who edit or log in are not part of a static copy, nor those that live on a
 * server: the live page (a feed), and the title fight, what-if and rescoring (computed per visit).
 */
const PRIVATE = /^\/(api|login|logout)(\/|$)|\/(edit|audit|live|title-fight|whatif|rescore|embed)(\/|$)/;

/** An explanation after a race: the explanation's path and the race. */
const EXPLAIN_AFTER = /^(\/seasons\/[^/?#]+\/standings\/[^/?#]+\/explain\/[^/?#]+)\?after=(\d+)$/;

/** `paddock build <season> --out <dir>`: the public pages as a static site that works offline. */
export function register(program: Command, io: CliIo): void {
  withDbOption(program.command('build'))
    .description('write the public pages of a season as a static website that works from a folder')
    .argument('<season>', 'season id, alias or folder')
    .requiredOption('-o, --out <dir>', 'the folder to write (replaced)')
    .action(async (seasonArg: string, opts: DbOption & { out: string }) => {
      const sv = await withApp(opts, (app) => openSeason(app, seasonArg));
      const refuse = (e: unknown) => {
        throw e instanceof FolderInUseError ? new CliFailure([e.issue]) : e;
      };
      await assertReplaceable(opts.out, 'site').catch(refuse); // before minutes of crawling
      const loaded = sv.loaded;
      // The pages come from the web app itself, over an in-memory database holding just this season.
      const site = await Paddock.open({ file: ':memory:' }, { builtIns: false });
      try {
        orFail(await site.importSeason(loaded, { change: cliChange('paddock build') }));
        const app = createApp({ paddock: site });
        const base = `/seasons/${loaded.season.id}`;
        const include = (path: string) => {
          const p = path.split('?')[0]!;
          return (
            !PRIVATE.test(p) &&
            (p === '/' || p === base || p.startsWith(`${base}/`) || p.startsWith('/assets/'))
          );
        };
        const files = await crawlSite(
          async (path) => app.request(`http://localhost${path}`, { headers: { accept: 'text/html' } }),
          {
            start: ['/', base],
            include,
            // An explanation after race N is a row of the explanation's page (its history), not a
            // page of its own: 150 pages instead of 2,300 for the reference season.
            alias: (path) => {
              const m = EXPLAIN_AFTER.exec(path);
              return m ? `${m[1]}#after-${m[2]}` : undefined;
            },
          },
        );
        await writeSite(files, opts.out).catch(refuse);
        io.out(`wrote ${files.length} files to ${opts.out}; open ${opts.out}/index.html`);
      } finally {
        await site.close();
      }
    });
}
