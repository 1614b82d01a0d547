/**
 * The engine's own seeded random numbers (no Math.random): sfc32, a small fast generator with a
 * 128-bit state, seeded through splitmix32 so that nearby seeds give unrelated streams. The same
 * seed gives the same simulation on every machine.
 */
export interface Random {
  /** A number in [0, 1) with 32 random bits. */
  next(): number;
}

/** A generator for `seed` (any 32-bit integer). */
export function seededRandom(seed: number): Random {
  let s = seed | 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // Warm up, as the reference implementation does.
  for (let i = 0; i < 12; i++) next();
  return { next };
}
