import { mulberry32 } from "@/lib/bn/random";

export type Random = () => number;

/** The independent random streams of one lab run, each seeded from the run's seed. */
export type Stream = "trainData" | "testData" | "init" | "shuffle" | "dropout";

const STREAM_INDEX: Record<Stream, number> = { trainData: 1, testData: 2, init: 3, shuffle: 4, dropout: 5 };

/** A 32-bit seed for one stream: the first draw of mulberry32 seeded with seed + index·⌊2³²/φ⌋ (the
 * golden-ratio increment that spreads consecutive seeds). scripts/fixtures/make_lab_fixtures.py mirrors it. */
export function streamSeed(seed: number, stream: Stream): number {
  const start = (seed + Math.imul(STREAM_INDEX[stream], 0x9e3779b9)) >>> 0;
  return Math.floor(mulberry32(start)() * 4294967296);
}

export function streamRandom(seed: number, stream: Stream): Random {
  return mulberry32(streamSeed(seed, stream));
}

/** One standard normal value from two uniforms (Box & Muller 1958, the cosine half); 1 − u keeps the
 * logarithm's argument in (0, 1]. */
export function normal(random: Random): number {
  const radius = Math.sqrt(-2 * Math.log(1 - random()));
  return radius * Math.cos(2 * Math.PI * random());
}

/** An integer in [0, count), uniformly. */
export function randomIndex(random: Random, count: number): number {
  return Math.floor(random() * count);
}

/** Fisher–Yates shuffle in place (Knuth, TAOCP vol. 2, Algorithm P), drawing from the end. */
export function shuffleInPlace(values: Uint32Array, random: Random): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = randomIndex(random, i + 1);
    const kept = values[i]!;
    values[i] = values[j]!;
    values[j] = kept;
  }
}
