import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { backward, foldIntoPreceding, forward, type BnArgs } from "./index";
import { referenceBackward, referenceForward } from "./reference";
import { expectAllClose } from "./test-utils";

const product = (dims: readonly number[]) => dims.reduce((a, b) => a * b, 1);

function channelIndices(shape: readonly number[], channel: number): number[] {
  const [batch = 0, channels = 0] = shape;
  const spatial = product(shape.slice(2));
  const indices: number[] = [];
  for (let n = 0; n < batch; n++) {
    for (let s = 0; s < spatial; s++) indices.push((n * channels + channel) * spatial + s);
  }
  return indices;
}

function meanAndBiasedVar(values: number[]): { mean: number; variance: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return { mean, variance: values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length };
}

const value = (limit: number) => fc.double({ min: -limit, max: limit, noNaN: true });
const values = (limit: number, length: number) => fc.array(value(limit), { minLength: length, maxLength: length });

/** (N, C, …) shapes of rank 2–5 whose channels hold at least two values (PyTorch's training minimum). */
function tensor(maxDim: number, limit = 10, maxSize = Number.POSITIVE_INFINITY) {
  return fc
    .integer({ min: 2, max: 5 })
    .chain((rank) => fc.array(fc.integer({ min: 1, max: maxDim }), { minLength: rank, maxLength: rank }))
    .filter((shape) => shape[0]! * product(shape.slice(2)) >= 2 && product(shape) <= maxSize)
    .chain((shape) =>
      fc.record({
        shape: fc.constant(shape),
        input: values(limit, product(shape)),
      }),
    );
}

function perChannel(channels: number, min: number, max: number) {
  return fc.array(fc.double({ min, max, noNaN: true }), { minLength: channels, maxLength: channels });
}

/** A random layer (either framework, any flags and mode) with state, around a random tensor. */
const layerCase = (maxDim: number, limit = 10, maxSize?: number) =>
  tensor(maxDim, limit, maxSize).chain(({ shape, input }) => {
    const channels = shape[1]!;
    return fc.record({
      args: fc.oneof(
        fc.record({
          framework: fc.constant("pytorch" as const),
          mode: fc.constantFrom("train" as const, "eval" as const),
          input: fc.constant(input),
          shape: fc.constant(shape),
          eps: fc.constantFrom(1e-5, 1e-3, 0.1),
          momentum: fc.constantFrom(0.1, 0.5, null),
          affine: fc.constant(true),
          trackRunningStats: fc.boolean(),
          numBatchesTracked: fc.integer({ min: 0, max: 5 }),
        }),
        fc.record({
          framework: fc.constant("keras" as const),
          mode: fc.constantFrom("train" as const, "eval" as const),
          input: fc.constant(input),
          shape: fc.constant(shape),
          eps: fc.constantFrom(1e-3, 1e-5),
          momentum: fc.constantFrom(0.99, 0.9, 0),
        }),
      ),
      gamma: perChannel(channels, -3, 3),
      beta: perChannel(channels, -3, 3),
      runningMean: perChannel(channels, -3, 3),
      runningVar: perChannel(channels, 0.1, 5),
    });
  });

function toArgs(sample: {
  args: BnArgs & { numBatchesTracked?: number };
  gamma: number[];
  beta: number[];
  runningMean: number[];
  runningVar: number[];
}): BnArgs {
  const tracks = sample.args.framework === "keras" || sample.args.trackRunningStats !== false;
  return {
    ...sample.args,
    gamma: sample.gamma,
    beta: sample.beta,
    runningMean: tracks ? sample.runningMean : null,
    runningVar: tracks ? sample.runningVar : null,
    ...(sample.args.framework === "pytorch" && !tracks ? { numBatchesTracked: undefined } : {}),
  } as BnArgs;
}

describe("forward properties", () => {
  it("train-mode x̂ has zero mean and biased variance σ²/(σ²+ε) ≈ 1 per channel", () => {
    fc.assert(
      fc.property(tensor(4), fc.constantFrom("pytorch" as const, "keras" as const), ({ shape, input }, framework) => {
        const result = forward({ framework, mode: "train", input, shape });
        for (let c = 0; c < shape[1]!; c++) {
          const { mean, variance } = meanAndBiasedVar(channelIndices(shape, c).map((i) => result.xHat![i]!));
          const sigma2 = result.batchVar[c]!;
          expect(Math.abs(mean)).toBeLessThan(1e-9);
          expect(Math.abs(variance - sigma2 / (sigma2 + result.eps))).toBeLessThan(1e-9);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("γ = 1, β = 0 gives y = x̂", () => {
    fc.assert(
      fc.property(layerCase(4), (sample) => {
        const channels = sample.args.shape[1]!;
        const result = forward({ ...toArgs(sample), gamma: new Array<number>(channels).fill(1), beta: new Array<number>(channels).fill(0) });
        expectAllClose(result.output, result.xHat, 0);
      }),
      { numRuns: 100 },
    );
  });

  it("adding a constant to one channel leaves the train-mode output unchanged", () => {
    fc.assert(
      fc.property(
        tensor(4),
        fc.constantFrom("pytorch" as const, "keras" as const),
        fc.nat(),
        value(100),
        ({ shape, input }, framework, channelSeed, offset) => {
          const channel = channelSeed % shape[1]!;
          const shifted = input.slice();
          for (const i of channelIndices(shape, channel)) shifted[i]! += offset;
          const before = forward({ framework, mode: "train", input, shape });
          const after = forward({ framework, mode: "train", input: shifted, shape });
          expectAllClose(after.output, before.output, 1e-8);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("agrees with the naive reference (outputs and running statistics), any framework, flags and mode", () => {
    fc.assert(
      fc.property(layerCase(4), (sample) => {
        const args = toArgs(sample);
        const result = forward(args);
        const reference = referenceForward(args.input, args.shape, {
          framework: args.framework,
          training: args.mode === "train",
          eps: args.eps!,
          momentum: args.momentum ?? null,
          gamma: sample.gamma,
          beta: sample.beta,
          runningMean: args.runningMean ?? null,
          runningVar: args.runningVar ?? null,
          numBatchesTracked: args.framework === "pytorch" && args.runningMean ? (args.numBatchesTracked ?? 0) : null,
        });
        expectAllClose(result.output, reference.output, 1e-10);
        expectAllClose(result.batchMean, reference.mean, 1e-12);
        expectAllClose(result.batchVar, reference.biasedVar, 1e-10);
        expectAllClose(result.running?.meanAfter ?? null, reference.runningMean, 1e-12);
        expectAllClose(result.running?.varAfter ?? null, reference.runningVar, 1e-10);
        if (args.framework === "pytorch") {
          expect(result.running?.numBatchesTrackedAfter ?? null).toBe(reference.numBatchesTracked);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("backward properties", () => {
  it("agrees with central finite differences of the linear loss Σ dy·y", () => {
    fc.assert(
      fc.property(
        layerCase(3, 5, 36).chain((sample) =>
          fc.record({ sample: fc.constant(sample), gradOutput: values(2, sample.args.input.length) }),
        ),
        ({ sample, gradOutput }) => {
          const args = toArgs(sample);
          const channels = args.shape[1]!;
          const stats = forward(args);
          // Finite differences are ill-conditioned when a channel barely varies; the formula is not.
          fc.pre(stats.batchVar.every((variance) => variance > 0.05));
          const loss = (input: number[], gamma = sample.gamma, beta = sample.beta) => {
            const { output } = forward({ ...args, input, gamma, beta, includeXHat: false });
            return output.reduce((sum, y, i) => sum + gradOutput[i]! * y, 0);
          };
          const h = 1e-5;
          const input = Array.from(args.input);
          const numericDx = input.map((_, i) => {
            const plus = input.slice();
            const minus = input.slice();
            plus[i]! += h;
            minus[i]! -= h;
            return (loss(plus) - loss(minus)) / (2 * h);
          });
          const numericParam = (which: "gamma" | "beta") =>
            Array.from({ length: channels }, (_, c) => {
              const plus = sample[which].slice();
              const minus = sample[which].slice();
              plus[c]! += h;
              minus[c]! -= h;
              return which === "gamma"
                ? (loss(input, plus) - loss(input, minus)) / (2 * h)
                : (loss(input, undefined, plus) - loss(input, undefined, minus)) / (2 * h);
            });
          const result = backward({ ...args, gradOutput });
          expectAllClose(result.dx, numericDx, 1e-6);
          expectAllClose(result.dgamma, numericParam("gamma"), 1e-6);
          expectAllClose(result.dbeta, numericParam("beta"), 1e-6);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("agrees with the term-by-term chain rule of [Ioffe] §3", () => {
    fc.assert(
      fc.property(
        layerCase(4).chain((sample) =>
          fc.record({ sample: fc.constant(sample), gradOutput: values(3, sample.args.input.length) }),
        ),
        ({ sample, gradOutput }) => {
          const args = toArgs(sample);
          const result = backward({ ...args, gradOutput });
          const reference = referenceBackward(args.input, gradOutput, args.shape, {
            framework: args.framework,
            training: args.mode === "train",
            eps: args.eps!,
            momentum: null,
            gamma: sample.gamma,
            beta: sample.beta,
            runningMean: args.runningMean ?? null,
            runningVar: args.runningVar ?? null,
            numBatchesTracked: null,
          });
          // The two forms round differently; scale the tolerance by the gradient's own size.
          const scale = Math.max(1, ...reference.dx.map(Math.abs));
          expectAllClose(result.dx.map((v) => v / scale), reference.dx.map((v) => v / scale), 1e-8);
          expectAllClose(result.dgamma, reference.dgamma, 1e-9);
          expectAllClose(result.dbeta, reference.dbeta, 1e-12);
        },
      ),
      { numRuns: 200 },
    );
  });
});

/** Valid 2-D convolution, stride 1, no padding: weight (C_out, C_in, k, k). */
function conv2d(x: number[], xShape: number[], weight: number[], outChannels: number, k: number, bias: number[] | null) {
  const [batch = 0, inChannels = 0, height = 0, width = 0] = xShape;
  const outH = height - k + 1;
  const outW = width - k + 1;
  const y: number[] = [];
  for (let n = 0; n < batch; n++) {
    for (let o = 0; o < outChannels; o++) {
      for (let i = 0; i < outH; i++) {
        for (let j = 0; j < outW; j++) {
          let sum = bias ? bias[o]! : 0;
          for (let c = 0; c < inChannels; c++) {
            for (let ki = 0; ki < k; ki++) {
              for (let kj = 0; kj < k; kj++) {
                sum += weight[((o * inChannels + c) * k + ki) * k + kj]! * x[((n * inChannels + c) * height + i + ki) * width + j + kj]!;
              }
            }
          }
          y.push(sum);
        }
      }
    }
  }
  return { y, shape: [batch, outChannels, outH, outW] };
}

function linear(x: number[], batch: number, inFeatures: number, weight: number[], outFeatures: number, bias: number[] | null) {
  const y: number[] = [];
  for (let n = 0; n < batch; n++) {
    for (let o = 0; o < outFeatures; o++) {
      let sum = bias ? bias[o]! : 0;
      for (let i = 0; i < inFeatures; i++) sum += weight[o * inFeatures + i]! * x[n * inFeatures + i]!;
      y.push(sum);
    }
  }
  return y;
}

const bnState = (channels: number) =>
  fc.record({
    runningMean: perChannel(channels, -2, 2),
    runningVar: perChannel(channels, 0.05, 4),
    gamma: fc.option(perChannel(channels, -2, 2), { nil: null }),
    beta: fc.option(perChannel(channels, -2, 2), { nil: null }),
    eps: fc.constantFrom(1e-5, 1e-3),
  });

type BnState = { runningMean: number[]; runningVar: number[]; gamma: number[] | null; beta: number[] | null; eps: number };

/** A BN without γ/β (affine=False) applies γ = 1, β = 0, which is how fusion.py folds it. */
const evalBn = (bn: BnState) =>
  ({ framework: "pytorch", mode: "eval", ...bn, gamma: bn.gamma ?? [...bn.runningMean].fill(1), beta: bn.beta ?? [...bn.runningMean].fill(0) }) as const;

describe("folding properties", () => {
  it("a folded conv equals conv then eval-mode BatchNorm2d", () => {
    const problem = fc
      .record({
        batch: fc.integer({ min: 1, max: 2 }),
        inChannels: fc.integer({ min: 1, max: 3 }),
        outChannels: fc.integer({ min: 1, max: 3 }),
        k: fc.integer({ min: 1, max: 2 }),
        extra: fc.integer({ min: 0, max: 2 }),
      })
      .chain((dims) => {
        const size = dims.k + dims.extra;
        return fc.record({
          dims: fc.constant(dims),
          x: values(3, dims.batch * dims.inChannels * size * size),
          weight: values(1, dims.outChannels * dims.inChannels * dims.k ** 2),
          bias: fc.option(perChannel(dims.outChannels, -1, 1), { nil: null }),
          bn: bnState(dims.outChannels),
        });
      });
    fc.assert(
      fc.property(problem, ({ dims, x, weight, bias, bn }) => {
        const size = dims.k + dims.extra;
        const xShape = [dims.batch, dims.inChannels, size, size];
        const conv = conv2d(x, xShape, weight, dims.outChannels, dims.k, bias);
        const expected = forward({ ...evalBn(bn), input: conv.y, shape: conv.shape });
        const folded = foldIntoPreceding({ weight, weightShape: [dims.outChannels, dims.inChannels, dims.k, dims.k], bias, ...bn });
        const actual = conv2d(x, xShape, Array.from(folded.weight), dims.outChannels, dims.k, folded.bias);
        expectAllClose(actual.y, expected.output, 1e-10);
      }),
      { numRuns: 150 },
    );
  });

  it("a folded linear layer equals linear then eval-mode BatchNorm1d", () => {
    const problem = fc
      .record({ batch: fc.integer({ min: 1, max: 4 }), inFeatures: fc.integer({ min: 1, max: 5 }), outFeatures: fc.integer({ min: 1, max: 4 }) })
      .chain((dims) =>
        fc.record({
          dims: fc.constant(dims),
          x: values(3, dims.batch * dims.inFeatures),
          weight: values(1, dims.outFeatures * dims.inFeatures),
          bias: fc.option(perChannel(dims.outFeatures, -1, 1), { nil: null }),
          bn: bnState(dims.outFeatures),
        }),
      );
    fc.assert(
      fc.property(problem, ({ dims, x, weight, bias, bn }) => {
        const y = linear(x, dims.batch, dims.inFeatures, weight, dims.outFeatures, bias);
        const expected = forward({ ...evalBn(bn), input: y, shape: [dims.batch, dims.outFeatures] });
        const folded = foldIntoPreceding({ weight, weightShape: [dims.outFeatures, dims.inFeatures], bias, ...bn });
        const actual = linear(x, dims.batch, dims.inFeatures, Array.from(folded.weight), dims.outFeatures, folded.bias);
        expectAllClose(actual, expected.output, 1e-10);
      }),
      { numRuns: 150 },
    );
  });
});
