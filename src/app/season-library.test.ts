/**
 * The derived-value cache is bounded by bytes as well as by entries: serialised documents (545 KB
 * for the reference season's standings) fall out once their bytes pass the bound, small view
 * models count as 1 KB each.
 */
import { describe, expect, it } from 'vitest';
import { Paddock } from './paddock.js';

const SEASON = '2024-porsche-carrera-cup-north-america';
const body = (bytes: number) => ({ bytes: new Uint8Array(bytes) });

describe('the derived cache', () => {
  it('keeps at most its bound of bytes', async () => {
    // 1,000,000 bytes: two 400,000-byte bodies (440,000 each, counting their gzip form), not three.
    const app = new Paddock({ cacheSize: { derivedBytes: 1_000_000 } });
    const opened = await app.open(SEASON);
    if (!opened.ok) throw new Error(JSON.stringify(opened.issues));
    const sv = opened.value;
    for (const key of ['a', 'b', 'c']) app.setDerived(sv, key, body(400_000));
    expect(app.cacheSizes.derived).toBe(2);
    expect(app.findDerived(sv, 'a')).toBeUndefined();
    expect(app.findDerived(sv, 'c')).toBeDefined();
    // View models count as 1,024 bytes: 200 of them (204,800) and two bodies (880,000) do not
    // fit, so the body used least recently ('b') falls out.
    for (let i = 0; i < 200; i++) app.setDerived(sv, `view-${i}`, { rows: [i] });
    expect(app.cacheSizes.derived).toBe(201);
    expect(app.findDerived(sv, 'b')).toBeUndefined();
    expect(app.findDerived(sv, 'c')).toBeDefined();
    // A body larger than the whole bound is not kept, and is still returned.
    const big = body(2_000_000);
    expect(app.setDerived(sv, 'big', big)).toBe(big);
    expect(app.findDerived(sv, 'big')).toBeUndefined();
  });
});
