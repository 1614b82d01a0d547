/**
 * Problems are data: each has a machine-readable code, a path into the data (which the file
 * loaders turn into file:line:column) and a message that says what to do. Validation collects
 * every issue instead of stopping at the first.
 */
export type DataPath = readonly (string | number)[];

export interface SourceLocation {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
}

export interface Issue {
  readonly code: string;
  readonly message: string;
  readonly path: DataPath;
  readonly hint?: string;
  readonly location?: SourceLocation;
}

export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly Issue[] };

/** Wraps a value as a successful result. */
export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

/** Wraps issues as a failed result. */
export const fail = <T>(issues: readonly Issue[]): Result<T> => ({ ok: false, issues });

/** Builds an issue; `hint` says how to fix it. */
export function issue(code: string, path: DataPath, message: string, hint?: string): Issue {
  return hint === undefined ? { code, path, message } : { code, path, message, hint };
}
