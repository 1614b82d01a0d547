/**
 * Content addresses: a file text is stored once under its SHA-256, a revision is a manifest
 * {path: hash}, and a set of files has one hash (of its sorted manifest), so "did data/ change
 * since we stored it?" is a comparison of two strings.
 */
import { createHash } from 'node:crypto';

/** path -> SHA-256 of the file's text, sorted by path. */
export type Manifest = Readonly<Record<string, string>>;

/** The SHA-256 of a text (UTF-8), in hex. */
export const hashText = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The manifest of a set of files, paths sorted. */
export function manifestOf(files: ReadonlyMap<string, string>): Manifest {
  const manifest: Record<string, string> = {};
  for (const path of [...files.keys()].sort(byPath)) manifest[path] = hashText(files.get(path)!);
  return manifest;
}

/** One hash for a whole set of files: equal exactly when every path and every text is equal. */
export function contentHash(manifest: Manifest): string {
  const h = createHash('sha256');
  for (const path of Object.keys(manifest).sort(byPath)) h.update(`${path}\0${manifest[path]}\n`);
  return h.digest('hex');
}
