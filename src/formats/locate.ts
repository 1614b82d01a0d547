/**
 * Where things are in the files a person wrote, so every problem can say file:line. Loaders
 * register the place of each item under the same id-based path the engine uses in its issues.
 */
import type { LineCounter, Document } from 'yaml';

import type { DataPath, Issue, SourceLocation } from '../engine/index.js';

/** A path as a map key: its parts (ids and indexes) joined by a character no id holds. */
const key = (path: DataPath): string => path.join('\u0000');

/** A table row: its place, and the columns of the fields registered under it. */
interface RowPlace {
  readonly location: SourceLocation;
  readonly columns: Readonly<Record<string, number>>;
  readonly fields: readonly string[];
}

/** A place, or how to find it when a problem asks (finding a YAML node's line costs a parse). */
export type Place = SourceLocation | (() => SourceLocation);

export class Locations {
  private readonly places = new Map<string, Place>();
  private readonly rows = new Map<string, RowPlace>();

  set(path: DataPath, location: Place): void {
    this.places.set(key(path), location);
  }

  private place(k: string): SourceLocation | undefined {
    const found = this.places.get(k);
    if (typeof found !== 'function') return found;
    const location = found();
    this.places.set(k, location);
    return location;
  }

  /**
   * A table row at `path`, and each of `fields` at `[...path, field]`: the row's place with the
   * field's column. The same as setting each, made when a problem asks (a season has thousands).
   */
  setRow(
    path: DataPath,
    location: SourceLocation,
    columns: Readonly<Record<string, number>>,
    fields: readonly string[],
  ): void {
    this.rows.set(key(path), { location, columns, fields });
  }

  /** The place of the longest registered prefix of `path`. */
  find(path: DataPath): SourceLocation | undefined {
    for (let n = path.length; n > 0; n--) {
      const k = key(path.slice(0, n));
      const hit = this.place(k) ?? this.rows.get(k)?.location;
      if (hit) return hit;
      const row = n >= 2 ? this.rows.get(key(path.slice(0, n - 1))) : undefined;
      const field = path[n - 1];
      if (row && typeof field === 'string' && row.fields.includes(field)) {
        const column = row.columns[field];
        return column === undefined ? row.location : { ...row.location, column };
      }
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
  // Nothing to point at (an empty file, or one holding only comments): the file's first line.
  return { file, line: 1 };
}

/** Formats a location as "file:line:column". */
export const formatLocation = (l: SourceLocation): string =>
  `${l.file}${l.line === undefined ? '' : `:${l.line}`}${l.column === undefined ? '' : `:${l.column}`}`;
