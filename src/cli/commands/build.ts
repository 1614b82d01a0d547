import type { Command } from 'commander';
import { crawlSite, writeSite } from '../../exporters/static-site/static-site.js';
import { createApp } from '../../server/app.js';
import { importSeason } from '../../store/season-store.js';
import { openStore } from '../../store/store.js';
import type { CliIo } from '../io.js';
import { seasonOrFail } from '../load.js';

/** Pages for people who edit or log in are not part of a static copy. */
const PRIVATE = /^\/(api|login|logout)(\/|$)|\/(edit|audit)(\/|$)/;

/** `paddock build <season> --out <dir>`: the public pages as a static site that works offline. */
export function register(program: Command, io: CliIo): void {
  program
    .command('build')
    .description('write the public pages of a season as a static website that works from a folder')
    .argument('<season>', 'season id, alias or folder')
    .requiredOption('-o, --out <dir>', 'the folder to write (replaced)')
    .action(async (seasonArg: string, opts: { out: string }) => {
      const loaded = await seasonOrFail(seasonArg);
      // The pages come from the web app itself, over an in-memory store holding just this season.
      const store = await openStore({ file: ':memory:' });
      try {
        await importSeason(store.db, loaded);
        const app = createApp({ store });
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
          },
        );
        await writeSite(files, opts.out);
        io.out(`wrote ${files.length} files to ${opts.out}; open ${opts.out}/index.html`);
      } finally {
        await store.close();
      }
    });
}
