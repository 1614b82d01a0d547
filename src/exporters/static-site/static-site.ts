/**
 * A static copy of a site's public pages that works offline from a folder: pages are fetched
 * through a `request` function (the Hono app's `app.request`, so no server is needed), every
 * same-site link is followed, and links are rewritten to relative files (`/seasons/x/entries`
 * becomes `../entries/index.html` from a sibling page), which is what browsers need on file://.
 */
import { basename, posix } from 'node:path';
import { replaceFolder } from '../../formats/replace-folder.js';

export type PageRequest = (path: string) => Promise<Response>;

export interface SiteOptions {
  /** Paths to start from ("/seasons/2024-porsche-carrera-cup-north-america"). */
  readonly start: readonly string[];
  /** Which paths belong in the static copy (no editor, login or audit pages). */
  readonly include: (path: string) => boolean;
  /** Stop after this many files, as a guard against endless link spaces. */
  readonly maxFiles?: number;
  /**
   * Paths the copy has no page of because another page holds what they show: the path and
   * fragment to link to instead ("/x/explain/y?after=3" -> "/x/explain/y#after-3").
   */
  readonly alias?: (path: string) => string | undefined;
}

export interface SiteFile {
  readonly path: string;
  readonly file: string;
  readonly body: Uint8Array;
}

/** The file a site path is written to: "/" -> index.html, "/a/b" -> a/b/index.html, "/x.css" -> x.css. */
export function fileForPath(path: string): string {
  const [pathname, query] = path.split('?') as [string, string | undefined];
  const clean = pathname.replace(/^\/+|\/+$/g, '');
  const suffix = query ? `~${query.replace(/[^A-Za-z0-9=-]+/g, '_')}` : '';
  if (/\.[a-z0-9]+$/i.test(clean) && !suffix) return clean;
  return clean ? `${clean}/index${suffix}.html` : `index${suffix}.html`;
}

const LINK = /(href|src|action)="([^"]*)"/g;
const decodeEntities = (s: string) => s.replace(/&amp;/g, '&');

const isLeftOut = (url: string, include: (path: string) => boolean) =>
  url.startsWith('/') && !url.startsWith('//') && !include(decodeEntities(url).split('#')[0]!);

/** An element holding nothing but one link (a navigation item, the log-in box). */
const LONE_LINK = /<(li|div|p)(\s[^>]*)?>\s*<a href="([^"]*)"[^>]*>[^<]*<\/a>\s*<\/\1>/g;
const ANCHOR = /<a href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g;

/**
 * Takes out the links to pages a static copy does not have (editing, logging in, the changes
 * page, live and computed pages): an item holding only such a link goes, another such link
 * becomes its text, so the copy has no dead links.
 */
export function dropLeftOutLinks(html: string, include: (path: string) => boolean): string {
  return html
    .replace(LONE_LINK, (whole, _tag: string, _attrs: string, url: string) =>
      isLeftOut(url, include) ? '' : whole,
    )
    .replace(ANCHOR, (whole, url: string, text: string) => (isLeftOut(url, include) ? text : whole));
}

/**
 * Rewrites root-relative links of a page at `fromFile` to relative files (an aliased path to the
 * page and fragment that holds it), or "#" when left out.
 */
export function rewriteLinks(
  html: string,
  fromFile: string,
  include: (path: string) => boolean,
  alias: (path: string) => string | undefined = () => undefined,
): string {
  return html.replace(LINK, (whole, attr: string, url: string) => {
    if (!url.startsWith('/') || url.startsWith('//')) return whole;
    const aliased = alias(decodeEntities(url).split('#')[0]!);
    const [target, fragment] = (aliased ?? url).split('#') as [string, string | undefined];
    if (!include(target)) return `${attr}="#"`;
    const rel = posix.relative(posix.dirname(fromFile), fileForPath(target)) || basename(fileForPath(target));
    return `${attr}="${rel}${fragment === undefined ? '' : `#${fragment}`}"`;
  });
}

const GET_FORM = /<form method="get" action="([^"]*)">([\s\S]*?)<\/form>/g;

/**
 * A GET form with one select (standings after race N) cannot run offline; it becomes one link
 * per choice, and those pages are written too. Forms with anything else are left alone.
 */
export function formsToLinks(html: string): string {
  return html.replace(GET_FORM, (whole, action: string, inner: string) => {
    const selects = [...inner.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)];
    const otherInputs = /<(input|textarea)\b(?![^>]*type="(submit|hidden)")/.test(inner);
    if (selects.length !== 1 || otherInputs) return whole;
    const [, name, body] = selects[0]!;
    const label = /<label[^>]*>([\s\S]*?)<\/label>/.exec(inner)?.[1] ?? '';
    const links = [...body!.matchAll(/<option value="([^"]*)"([^>]*)>([^<]*)<\/option>/g)].map(
      ([, value, attrs, text]) =>
        `<a href="${action}?${name}=${value}"${/selected/.test(attrs!) ? ' aria-current="page"' : ''}>${text}</a>`,
    );
    return `<p class="choices">${label}${links.join(' ')}</p>`;
  });
}

/** Fetches every reachable included page and asset, with links rewritten. */
export async function crawlSite(request: PageRequest, options: SiteOptions): Promise<SiteFile[]> {
  const queue = [...options.start];
  const seen = new Set(queue);
  const files: SiteFile[] = [];
  const limit = options.maxFiles ?? 10_000;
  while (queue.length) {
    const path = queue.shift()!;
    const res = await request(path);
    if (res.status !== 200) {
      await res.body?.cancel();
      continue;
    }
    const file = fileForPath(path);
    const type = res.headers.get('content-type') ?? '';
    if (type.startsWith('text/html')) {
      const html = dropLeftOutLinks(formsToLinks(await res.text()), options.include);
      for (const m of html.matchAll(LINK)) {
        const linked = decodeEntities(m[2]!).split('#')[0]!;
        const url = options.alias?.(linked)?.split('#')[0] ?? linked;
        if (!url.startsWith('/') || url.startsWith('//') || seen.has(url) || !options.include(url)) continue;
        seen.add(url);
        queue.push(url);
      }
      files.push({
        path,
        file,
        body: new TextEncoder().encode(rewriteLinks(html, file, options.include, options.alias)),
      });
    } else {
      files.push({ path, file, body: new Uint8Array(await res.arrayBuffer()) });
    }
    if (files.length >= limit)
      throw new Error(`static site: more than ${limit} files from ${options.start.join(', ')}`);
  }
  return files;
}

/** Writes the files into `dir` (replacing it) through a temporary folder renamed into place. */
export async function writeSite(files: readonly SiteFile[], dir: string): Promise<void> {
  await replaceFolder(
    dir,
    'site',
    files.map((f) => [f.file, f.body] as const),
  );
}
