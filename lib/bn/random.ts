/**
 * mulberry32, a 32-bit seeded PRNG by Tommy Ettinger (public domain; see
 * https://gist.github.com/tommyettinger/46a874533244883189143505d203312c). Small, fast and good enough
 * for example tensors; the same seed gives the same numbers in every browser, so a link can carry the seed.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal values from a seed (Box–Muller transform, two values per pair of uniforms). */
export function normalValues(seed: number, count: number): Float64Array {
  const random = mulberry32(seed);
  const values = new Float64Array(count);
  for (let i = 0; i < count; i += 2) {
    // 1 − u keeps the logarithm's argument in (0, 1].
    const radius = Math.sqrt(-2 * Math.log(1 - random()));
    const angle = 2 * Math.PI * random();
    values[i] = radius * Math.cos(angle);
    if (i + 1 < count) values[i + 1] = radius * Math.sin(angle);
  }
  return values;
}
