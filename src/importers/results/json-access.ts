/** Reading fields of untrusted JSON without trusting its shape. */
export type Json = unknown;

export const isRecord = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
export const field = (v: Json, key: string): Json => (isRecord(v) ? v[key] : undefined);
export const text = (v: Json): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined;
export const int = (v: Json): number | undefined =>
  typeof v === 'number' && Number.isInteger(v)
    ? v
    : typeof v === 'string' && /^-?\d+$/.test(v.trim())
      ? Number(v)
      : undefined;
export const list = (v: Json): readonly Json[] | undefined => (Array.isArray(v) ? v : undefined);
