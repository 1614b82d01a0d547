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

/*
 * Exponential variates by the ziggurat (Marsaglia and Tsang, "The Ziggurat Method for Generating
 * Random Variables", 2000: 256 layers): one 32-bit draw and a table look-up in about 99% of cases,
 * the exact tails and wedges otherwise. The low 8 bits pick the layer, the high 24 the place in it.
 */
const LAYERS = 256;
const SCALE = 2 ** 24;
const ke = new Float64Array(LAYERS);
const we = new Float64Array(LAYERS);
const fe = new Float64Array(LAYERS);
{
  let de = 7.697117470131487;
  let te = de;
  const ve = 3.949659822581572e-3;
  const q = ve / Math.exp(-de);
  ke[0] = (de / q) * SCALE;
  ke[1] = 0;
  we[0] = q / SCALE;
  we[LAYERS - 1] = de / SCALE;
  fe[0] = 1;
  fe[LAYERS - 1] = Math.exp(-de);
  for (let i = LAYERS - 2; i >= 1; i--) {
    de = -Math.log(ve / de + Math.exp(-de));
    ke[i + 1] = (de / te) * SCALE;
    te = de;
    fe[i] = Math.exp(-de);
    we[i] = de / SCALE;
  }
}
const R = 7.697117470131487;

/** An Exp(1) variate (mean 1) from the generator. */
export function exponential(random: Random): number {
  for (;;) {
    const bits = (random.next() * 4294967296) >>> 0;
    const iz = bits & (LAYERS - 1);
    const jz = bits >>> 8;
    if (jz < ke[iz]!) return jz * we[iz]!;
    // The base layer's tail beyond R: R plus a fresh exponential.
    if (iz === 0) return R - Math.log(1 - random.next());
    const x = jz * we[iz]!;
    // A wedge: accept under the density.
    if (fe[iz]! + random.next() * (fe[iz - 1]! - fe[iz]!) < Math.exp(-x)) return x;
  }
}
