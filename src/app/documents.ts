/**
 * JSON documents the CLI and the API both serve, built in one place so `paddock ... --json` and
 * `GET /api/v1/...` answer with the same bytes (docs/json.md).
 */
import { formatExact, toNumber } from '../engine/index.js';
import type { Explanation } from '../engine/index.js';
import { contributionJson } from '../exporters/json/standings-json.js';

/** `paddock explain --json` and GET /seasons/{season}/explanations/{competitor}. */
export const explanationsDocument = (found: readonly Explanation[]) =>
  found.map((x) => ({
    championship: { id: x.championshipId, name: x.championshipName },
    afterRace: x.afterRace,
    position: x.position,
    shared: x.shared,
    competitor: x.competitor,
    points: toNumber(x.points),
    pointsExact: formatExact(x.points),
    counted: x.counted.map(contributionJson),
    notCounted: x.notCounted.map(contributionJson),
    belowPrevious: x.belowPrevious ?? null,
    aboveNext: x.aboveNext ?? null,
    excludedReason: x.excludedReason ?? null,
  }));

/** The text both print: JSON with two spaces, then a newline. */
export const jsonText = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
