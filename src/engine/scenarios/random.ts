/**
 * The engine's own seeded random numbers (no Math.random): sfc32, a small fast generator with a
 * 128-bit state, seeded through splitmix32 so that nearby seeds give unrelated streams. The same
 * seed gives the same simulation on every machine.
 */
export interface Random {
  /** A number in [0, 1) with 32 random bits. */
  next(): number;
}

/**
 * sfc32 (Chris Doty-Humphrey's "small fast chaotic" generator, from PractRand) with its 128-bit
 * state in view: a hot loop (the odds sampler) copies the state into locals, steps it inline as
 * `stepSfc32` does, and writes it back, drawing exactly the numbers `next` would.
 */
export class SeededRandom implements Random {
  /** a, b, c, d of sfc32. */
  readonly state = new Int32Array(4);

  next(): number {
    return stepSfc32(this.state) / 4294967296;
  }

  /** The next 32 random bits as an unsigned integer (`next()` is this over 2^32). */
  uint32(): number {
    return stepSfc32(this.state);
  }
}

/** One step of sfc32 on a state (a, b, c, d): the output as an unsigned 32-bit integer. */
export function stepSfc32(s: Int32Array): number {
  const a = s[0]!;
  const b = s[1]!;
  const c = s[2]!;
  const d = s[3]!;
  const t = (((a + b) | 0) + d) | 0;
  s[3] = (d + 1) | 0;
  s[0] = b ^ (b >>> 9);
  s[1] = (c + (c << 3)) | 0;
  s[2] = (((c << 21) | (c >>> 11)) + t) | 0;
  return t >>> 0;
}

/** A generator for `seed` (any 32-bit integer). */
export function seededRandom(seed: number): SeededRandom {
  let s = seed | 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  const random = new SeededRandom();
  for (let i = 0; i < 4; i++) random.state[i] = splitmix();
  // Warm up, as the reference implementation does.
  for (let i = 0; i < 12; i++) random.next();
  return random;
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
  return exponentialFrom((random.next() * 4294967296) >>> 0, random);
}

/**
 * An Exp(1) variate whose first 32 bits are drawn already (the sampler's inline fast path takes
 * the common case itself and calls this for the rest); further bits come from the generator.
 */
export function exponentialFrom(bits: number, random: Random): number {
  for (;;) {
    const iz = bits & (LAYERS - 1);
    const jz = bits >>> 8;
    if (jz < ke[iz]!) return jz * we[iz]!;
    // The base layer's tail beyond R: R plus a fresh exponential.
    if (iz === 0) return R - Math.log(1 - random.next());
    const x = jz * we[iz]!;
    // A wedge: accept under the density.
    if (fe[iz]! + random.next() * (fe[iz - 1]! - fe[iz]!) < Math.exp(-x)) return x;
    bits = (random.next() * 4294967296) >>> 0;
  }
}

/** The ziggurat's fast-path tables (layer bounds and widths), for the sampler's inline draw. */
export const zigguratBounds: Float64Array = ke;
export const zigguratWidths: Float64Array = we;
