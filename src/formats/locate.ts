/**
 * Where things are in the files a person wrote, so every problem can say file:line. Loaders
 * register the place of each item under the same id-based path the engine uses in its issues.
 */
import type { LineCounter, Document } from 'yaml';

import type { DataPath, Issue, SourceLocation } from '../engine/index.js';

/** A path as a map key: its parts (ids and indexes) joined by a character no id holds. */
const key = (path: DataPath): string => path.join('\u0000');

export class Locations {
  private readonly places = new Map<string, SourceLocation>();

  set(path: DataPath, location: SourceLocation): void {
    this.places.set(key(path), location);
  }

  /** The place of the longest registered prefix of `path`. */
  find(path: DataPath): SourceLocation | undefined {
    for (let n = path.length; n > 0; n--) {
      const hit = this.places.get(key(path.slice(0, n)));
      if (hit) return hit;
    }
    return undefined;
  }

  /** Adds locations to issues that lack one. */
  annotate(issues: readonly Issue[]): Issue[] {
    return issues.map((i) => {
      if (i.location) return i;
      const location = this.find(i.path);
      return location ? { ...i, location } : i;
    });
  }
}

/** The location of the node at `path` in a YAML document (or of its nearest existing parent). */
export function yamlLocation(
  doc: Document,
  lines: LineCounter,
  file: string,
  path: readonly (string | number)[],
): SourceLocation {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) {
      const { line, col } = lines.linePos(range[0]);
      return { file, line, column: col };
    }
  }
  return { file };
}

/** Formats a location as "file:line:column". */
export const formatLocation = (l: SourceLocation): string =>
  `${l.file}${l.line === undefined ? '' : `:${l.line}`}${l.column === undefined ? '' : `:${l.column}`}`;
