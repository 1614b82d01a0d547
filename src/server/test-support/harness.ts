/** An app over an in-memory SQLite store with the reference season, and a browser-like client. */
import { importSeason } from '../../store/season-store.js';
import { openStore } from '../../store/store.js';
import type { Store } from '../../store/store.js';
import { addUser } from '../../store/accounts.js';
import { loadSeason } from '../../formats/catalog.js';
import type { LoadedSeason } from '../../formats/season-folder.js';
import { createApp } from '../app.js';
import type { AppOptions } from '../app.js';

export const PASSWORD = 'paddock-test-password';

export interface Harness {
  readonly store: Store;
  readonly app: ReturnType<typeof createApp>;
  readonly folder: LoadedSeason;
}

/** A fresh store with the reference season and three accounts (admin, steward, viewer). */
export async function makeHarness(options: Omit<AppOptions, 'store'> = {}, change?: (l: LoadedSeason) => LoadedSeason): Promise<Harness> {
  const loaded = await loadSeason('2024-pccna');
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const folder = change ? change(loaded.value) : loaded.value;
  const store = await openStore({ file: ':memory:' });
  await importSeason(store.db, folder, { ...(folder === loaded.value ? {} : { rulebookYaml: 'id: test' }) });
  for (const role of ['admin', 'steward', 'viewer']) await addUser(store.db, `${role}@example.com`, role, PASSWORD);
  return { store, app: createApp({ store, ...options }), folder };
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
    return this.request(path, { method: 'POST', body: new URLSearchParams(form), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
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
