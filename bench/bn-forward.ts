import { forward } from "../lib/bn/index";
import { referenceForward } from "../lib/bn/reference";
import { mulberry32 } from "../lib/bn/random";

const shape = [32, 64, 56, 56] as const;
const channels = shape[1];
const size = shape.reduce((product, dim) => product * dim, 1);
const warmUpRuns = 3;
const timedRuns = 11;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

interface Contender {
  label: string;
  run: () => number;
}

/** Runs the contenders interleaved, alternating their order, so that load from other processes on this
 * shared 2-core machine falls on all of them alike; returns each one's median. */
function timeInterleaved(contenders: Contender[]): number[] {
  for (let i = 0; i < warmUpRuns; i++) contenders.forEach((contender) => contender.run());
  const samples = contenders.map((): number[] => []);
  const checksums = contenders.map(() => 0);
  for (let i = 0; i < timedRuns; i++) {
    const order = contenders.map((_, index) => index);
    if (i % 2 === 1) order.reverse();
    for (const index of order) {
      const start = performance.now();
      checksums[index]! += contenders[index]!.run();
      samples[index]!.push(performance.now() - start);
    }
  }
  return contenders.map((contender, index) => {
    const runs = samples[index]!;
    const ms = median(runs);
    console.log(
      `${contender.label.padEnd(34)} median ${ms.toFixed(2)} ms  (min ${Math.min(...runs).toFixed(2)}, ` +
        `max ${Math.max(...runs).toFixed(2)}, checksum ${checksums[index]!.toPrecision(6)})`,
    );
    return ms;
  });
}

const random = mulberry32(42);
const input = new Float64Array(size);
for (let i = 0; i < size; i++) input[i] = (random() - 0.5) * 4 + 1;
const gamma = Array.from({ length: channels }, () => 0.5 + random());
const beta = Array.from({ length: channels }, () => random() - 0.5);
const runningMean = new Array<number>(channels).fill(0);
const runningVar = new Array<number>(channels).fill(1);

console.log(`BatchNorm2d train forward + running-stat update, shape [${shape.join(", ")}] (${size} values, float64)`);

const out = new Float64Array(size);
/** One train-mode forward with running-statistics update; returns values that depend on all of its work. */
function engineRun(options: { includeXHat: boolean; out?: Float64Array }): number {
  const result = forward({ framework: "pytorch", mode: "train", input, shape, gamma, beta, runningMean, runningVar, ...options });
  return result.output[size - 1]! + result.running!.varAfter[0]! + (result.xHat?.[size - 1] ?? 0);
}
const [engineMs, referenceMs, engineOutMs, withXHatMs] = timeInterleaved([
  {
    label: "engine forward",
    run: () => engineRun({ includeXHat: false }),
  },
  {
    label: "naive reference",
    run: () => {
      const result = referenceForward(input, shape, {
        framework: "pytorch",
        training: true,
        eps: 1e-5,
        momentum: 0.1,
        gamma,
        beta,
        runningMean,
        runningVar,
        numBatchesTracked: 0,
      });
      return result.output[size - 1]! + result.runningVar![0]!;
    },
  },
  {
    label: "engine forward into reused out",
    run: () => engineRun({ includeXHat: false, out }),
  },
  {
    label: "engine forward incl. xHat (info)",
    run: () => engineRun({ includeXHat: true }),
  },
]) as [number, number, number, number];

const ratio = engineMs / referenceMs;
console.log(
  `engine/reference ratio ${ratio.toFixed(3)} (engine ${(1 / ratio).toFixed(2)}x faster); ` +
    `into a reused out ${engineOutMs.toFixed(2)} ms; with xHat ${withXHatMs.toFixed(2)} ms`,
);
console.log(
  JSON.stringify({
    shape,
    engineMs: Number(engineMs.toFixed(3)),
    referenceMs: Number(referenceMs.toFixed(3)),
    ratio: Number(ratio.toFixed(4)),
    engineReusedOutMs: Number(engineOutMs.toFixed(3)),
  }),
);
