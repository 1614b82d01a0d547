/** An app over an in-memory SQLite database with the reference season, and a browser-like client. */
import { Paddock } from '../../app/index.js';
import { resolvePreset, SEASONS_DIR } from '../../formats/catalog.js';
import { loadSeasonFiles, readSeasonFolder } from '../../formats/season-folder.js';
import type { LoadedSeason } from '../../formats/season-folder.js';
import { createApp } from '../app.js';
import type { AppOptions } from '../app.js';

export const PASSWORD = 'paddock-test-password';
export const REFERENCE_FOLDER = `${SEASONS_DIR}/2024-porsche-carrera-cup-north-america`;
/** The reference season's series: the organiser, steward and viewer of the harness hold roles in it. */
export const REFERENCE_SERIES = 'porsche-carrera-cup-north-america';
/** A season of another series, where those roles count for nothing (with `otherSeries`). */
export const OTHER_SEASON = '1950-formula-one';
export const OTHER_SERIES = 'formula-one';

export interface Harness {
  readonly paddock: Paddock;
  readonly app: ReturnType<typeof createApp>;
  readonly folder: LoadedSeason;
}

/**
 * A fresh database with the reference season (its files changed by `changeFiles` first, when
 * given) and accounts: admin@ (the instance administrator), organiser@, steward@ and viewer@ (with
 * that role in the reference season's series) and member@ (no role). With `otherSeries`, also
 * OTHER_SEASON, a season of another series.
 */
export async function makeHarness(
  options: Omit<AppOptions, 'paddock'> & { readonly otherSeries?: boolean } = {},
  changeFiles?: (files: Map<string, string>) => void,
): Promise<Harness> {
  const read = await readSeasonFolder(REFERENCE_FOLDER);
  if (!read.ok) throw new Error(JSON.stringify(read.issues));
  changeFiles?.(read.value);
  const loaded = await loadSeasonFiles(read.value, { resolvePreset });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const paddock = await Paddock.open({ file: ':memory:' }, { builtIns: false });
  const imported = await paddock.importSeason(loaded.value, {
    change: { author: 'test', reason: 'the reference season', origin: 'folder' },
  });
  if (!imported.ok) throw new Error(JSON.stringify(imported.issues));
  if (options.otherSeries) {
    const other = await paddock.importFolder(`${SEASONS_DIR}/f1-1950`, {
      change: { author: 'test', reason: 'another series', origin: 'folder' },
    });
    if (!other.ok) throw new Error(JSON.stringify(other.issues));
  }
  for (const role of ['admin', 'organiser', 'steward', 'viewer']) {
    const added = await paddock.addUser(`${role}@example.com`, role, PASSWORD, undefined, [REFERENCE_SERIES]);
    if (!added.ok) throw new Error(JSON.stringify(added.issues));
  }
  await paddock.addUser('member@example.com', 'viewer', PASSWORD, undefined, [REFERENCE_SERIES]);
  await paddock.setSeriesRole('member@example.com', REFERENCE_SERIES, 'none');
  const { otherSeries: _, ...appOptions } = options;
  return { paddock, app: createApp({ paddock, ...appOptions }), folder: loaded.value };
}

/** A client that keeps cookies, like a browser without JavaScript. */
export class Client {
  private readonly cookies = new Map<string, string>();
  constructor(
    private readonly app: Harness['app'],
    private readonly base = 'http://localhost',
  ) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('accept', headers.get('accept') ?? 'text/html');
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await this.app.request(`${this.base}${path}`, { ...init, headers });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      if (/max-age=0/i.test(line) || value.join('=') === '') this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value.join('='));
    }
    return res;
  }

  get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(path, { headers });
  }

  post(path: string, form: Record<string, string>): Promise<Response> {
    return this.request(path, {
      method: 'POST',
      body: new URLSearchParams(form),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  /** The CSRF token of the first form on a page. */
  async csrfFrom(path: string): Promise<string> {
    const html = await (await this.get(path)).text();
    const m = /name="_csrf" value="([^"]+)"/.exec(html);
    if (!m) throw new Error(`no CSRF token on ${path}`);
    return m[1]!;
  }

  async logIn(email: string, password = PASSWORD): Promise<Response> {
    const csrf = await this.csrfFrom('/login');
    return this.post('/login', { _csrf: csrf, email, password });
  }
}
