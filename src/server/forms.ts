/**
 * Form input, validated with zod: a form post's string fields checked against a schema. Problems
 * come back as issues whose path names the field, so pages show them beside it; `readForm` throws
 * them as a 400 problem for forms that have no page to show them on.
 */
import type { z } from 'zod';
import type { Issue, Result } from '../engine/index.js';
import type { AppContext } from './context.js';
import { HttpProblem } from './problems.js';

/** A form's string fields (files and repeated fields are left out). */
export async function formFields(c: AppContext): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** zod's issues as the engine's: code `request.<zod code>`, path naming the field. */
export const zodIssues = (error: z.ZodError): Issue[] =>
  error.issues.map((z) => ({
    code: `request.${z.code}`,
    path: z.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    message: z.message,
  }));

/** Checks form fields against a schema. */
export function parseForm<S extends z.ZodType>(
  schema: S,
  fields: Record<string, string>,
): Result<z.output<S>> {
  const parsed = schema.safeParse(fields);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, issues: zodIssues(parsed.error) };
}

/** Reads a form and checks it; a form that does not fit is refused with 400. */
export async function readForm<S extends z.ZodType>(
  c: AppContext,
  schema: S,
): Promise<{ raw: Record<string, string>; values: z.output<S> }> {
  const raw = await formFields(c);
  const parsed = parseForm(schema, raw);
  if (!parsed.ok) throw new HttpProblem(parsed.issues);
  return { raw, values: parsed.value };
}
