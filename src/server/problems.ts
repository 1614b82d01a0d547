/**
 * The one mapping from issues to HTTP: a status code chosen from the issue codes, and a JSON
 * problem body (RFC 9457 shape) that lists every issue. Handlers throw `HttpProblem`; the app's
 * error handler turns it into a response.
 */
import type { Issue } from '../engine/index.js';

export class HttpProblem extends Error {
  constructor(
    readonly issues: readonly Issue[],
    readonly status: number = statusFor(issues),
    /** Extra response headers (Retry-After on 429, the current ETag on 412). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(issues.map((i) => i.message).join('; '));
  }
}

/** Throws a problem made of one issue. */
export function problem(
  code: string,
  message: string,
  path: (string | number)[] = [],
  hint?: string,
): HttpProblem {
  return new HttpProblem([hint === undefined ? { code, path, message } : { code, path, message, hint }]);
}

const STATUS_BY_CODE: readonly [RegExp, number][] = [
  [/^auth\.(login-required|bad-token|token-required)$/, 401],
  [/^season\.stale$/, 412],
  [/^auth\./, 403],
  [/^csrf\./, 403],
  [/^rate-limit\./, 429],
  [/^season\.conflict$|^idempotency\.in-progress$/, 409],
  [/\.unknown$|^not-found\./, 404],
  [/^request\.too-large$/, 413],
  [/^request\./, 400],
];

/** The status for a set of issues: the first code that maps, else 422 (the data is wrong). */
export function statusFor(issues: readonly Issue[]): number {
  for (const i of issues)
    for (const [pattern, status] of STATUS_BY_CODE) if (pattern.test(i.code)) return status;
  return 422;
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Log in first',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Changed meanwhile',
  412: 'Changed since you read it',
  413: 'Too large',
  415: 'Unsupported media type',
  422: 'The data has problems',
  429: 'Too many attempts',
  500: 'Internal error',
};

export const titleFor = (status: number): string => TITLES[status] ?? 'Error';

export interface ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly issues: readonly Issue[];
}

/** The JSON problem body for a status and its issues. */
export function problemBody(status: number, issues: readonly Issue[]): ProblemBody {
  return {
    type: `https://paddock.invalid/problems/${issues[0]?.code ?? 'error'}`,
    title: titleFor(status),
    status,
    detail: issues.map((i) => i.message).join('; '),
    issues,
  };
}
