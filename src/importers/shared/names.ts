/**
 * Names to ids and names compared loosely: ids are slugs without accents ("Ángel Benítez" ->
 * "angel-benitez"), and names from different sources are compared without accents, case or
 * punctuation. Closest-name suggestions use edit distance, never a guess.
 */

/** Strips accents and lower-cases: the form names are compared in. */
export const normalizeName = (name: string): string =>
  // Plain ASCII names (most of a large results file) skip the Unicode decomposition.
  (/^[\x20-\x7e]*$/.test(name) ? name : name.normalize('NFD'))
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** A lower-case slug of a name: "Alegra Motorsports, LLC" -> "alegra-motorsports-llc". */
export const slugify = (name: string): string => normalizeName(name).replace(/ /g, '-');

/** Levenshtein distance between two strings. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The `count` names closest to `name` (by edit distance of their normalized forms). */
export function closestNames(name: string, candidates: Iterable<string>, count = 3): string[] {
  const n = normalizeName(name);
  return [...new Set(candidates)]
    .map((c) => ({ c, d: editDistance(n, normalizeName(c)) }))
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c))
    .slice(0, count)
    .map((x) => x.c);
}
