import { resolveConfig, type DataConfig, type LabConfig, type LabSettings, type PresetName, type ProbePoint } from "./config";
import { BAR_CLASSES, makeDataset, type Dataset } from "./datasets";
import { initializeWeights } from "./init";
import { LabError } from "./errors";
import { isBatchNorm, type BatchNormLayer } from "./layers/batch-norm";
import { allocate, type FloatArray, type Param } from "./layers/types";
import { softmaxCrossEntropy, softmaxInto, type LossResult } from "./loss";
import { quantile, unitValues } from "./metrics";
import { backwardNetwork, buildNetwork, forwardNetwork, networkState, type Network, type NetworkState } from "./network";
import { shuffleInPlace, streamRandom } from "./random";
import { createSgdState, sgdStep, type SgdState } from "./sgd";

export type DivergenceCause = { cause: "loss" } | { cause: "parameter"; parameter: string };

export interface BatchOutcome extends LossResult {
  /** Why the step diverged (a non-finite loss, or a parameter the update made non-finite); null if not. */
  divergence: DivergenceCause | null;
}

/** A network with its optimizer, stepping on batches it is handed. */
export interface LabModel {
  config: LabConfig;
  network: Network;
  optimizer: SgdState;
  /** Train-mode forward, softmax cross-entropy, backward and one SGD update. A non-finite loss skips the
   * backward pass and the update. */
  trainBatch(inputs: FloatArray, labels: ArrayLike<number>, batch: number): BatchOutcome;
  /** Eval-mode forward and loss; nothing changes. */
  evaluateBatch(inputs: FloatArray, labels: ArrayLike<number>, batch: number): LossResult;
  /** Forward and loss in either mode, no update; in training mode BatchNorm's running statistics move. */
  forwardBatch(inputs: FloatArray, labels: ArrayLike<number>, batch: number, training: boolean): LossResult;
}

/** Sample shape and class count of the configured data set. */
export function dataShape(data: DataConfig): { sampleShape: number[]; classes: number } {
  if (data.name === "bars") return { sampleShape: [1, 8, 8], classes: BAR_CLASSES.length };
  return { sampleShape: [2], classes: data.name === "spirals" ? 2 : data.classes };
}

function firstNonFinite(params: Param[]): Param | null {
  for (const parameter of params) {
    const values = parameter.value;
    for (let i = 0; i < values.length; i++) {
      // x − x is 0 for every finite x and NaN for NaN and ±∞.
      if (values[i]! - values[i]! !== 0) return parameter;
    }
  }
  return null;
}

/** Builds the configured network with weights drawn from the config's seed. */
export function createLabModel(config: LabConfig): LabModel {
  const network = buildNetwork({
    model: config.model,
    ...dataShape(config.data),
    maxBatch: config.batchSize,
    dtype: config.dtype,
    dropoutRandom: streamRandom(config.seed, "dropout"),
  });
  initializeWeights(network.layers, streamRandom(config.seed, "init"));
  const optimizer = createSgdState(network.params);
  const gradLogits = allocate(config.dtype, config.batchSize * network.classes);
  const single = config.dtype === "float32";
  const lossOf = (result: LossResult): LossResult => (single ? { ...result, loss: Math.fround(result.loss) } : result);

  const forwardBatch = (inputs: FloatArray, labels: ArrayLike<number>, batch: number, training: boolean): LossResult => {
    const logits = forwardNetwork(network, inputs, batch, training);
    return lossOf(softmaxCrossEntropy(logits, labels, batch, network.classes, null));
  };

  return {
    config,
    network,
    optimizer,
    trainBatch(inputs, labels, batch) {
      const logits = forwardNetwork(network, inputs, batch, true);
      const result = lossOf(softmaxCrossEntropy(logits, labels, batch, network.classes, gradLogits));
      if (!Number.isFinite(result.loss)) return { ...result, divergence: { cause: "loss" } };
      backwardNetwork(network, gradLogits, batch);
      sgdStep(network.params, optimizer, config.optimizer);
      const broken = firstNonFinite(network.params);
      return { ...result, divergence: broken ? { cause: "parameter", parameter: broken.name } : null };
    },
    evaluateBatch: (inputs, labels, batch) => forwardBatch(inputs, labels, batch, false),
    forwardBatch,
  };
}

export interface ProbeMetrics {
  block: number;
  unit: number;
  point: ProbePoint;
  /** 15th, 50th and 85th percentiles of the unit's values in this batch ([Ioffe] Fig. 1). */
  p15: number;
  p50: number;
  p85: number;
  /** The block's BatchNorm statistics for the unit: what this batch normalized with (biased variance;
   * null when that BatchNorm is frozen) and the running values after this step; null without BatchNorm. */
  batchMean: number | null;
  batchVar: number | null;
  runningMean: number | null;
  runningVar: number | null;
}

export interface StepMetrics {
  kind: "step";
  /** 0-based index of this step over the whole run. */
  step: number;
  epoch: number;
  stepInEpoch: number;
  /** Mean cross-entropy of this batch, before the update. */
  loss: number;
  /** Share of this batch classified right by the same (train-mode) forward pass. */
  accuracy: number;
  probe: ProbeMetrics | null;
}

export interface Divergence {
  kind: "diverged";
  /** The step that produced a non-finite loss or parameter; training stops there. */
  step: number;
  epoch: number;
  cause: "loss" | "parameter";
  /** The first non-finite parameter (cause "parameter"). */
  parameter: string | null;
  loss: number;
}

export type StepReport = StepMetrics | Divergence;

export interface EvalReport {
  split: "train" | "test";
  samples: number;
  loss: number;
  accuracy: number;
}

export interface EvaluateOptions {
  /** "running": eval mode (the default). "batch": the network left in training mode, as when `model.eval()`
   * is forgotten: each BatchNorm normalizes with the evaluation batch's own statistics and dropout stays on.
   * The trainer is untouched either way (a copy of the weights runs the batch-statistics pass). */
  statistics?: "running" | "batch";
  /** Samples per evaluation batch; the training batch size by default. */
  batchSize?: number;
  /** "mixed": the split in its order, classes interleaved; "by-class": the samples of one class, then the
   * next, so that batches hold a single class wherever the class sizes allow. */
  order?: "mixed" | "by-class";
}

/** How far a BatchNorm's running variance is from the variance its input has at evaluation time. */
export interface VarianceShift {
  /** 1-based hidden block. */
  block: number;
  /** Mean over the block's units of Var_eval(input) / running_var: the variance the layer meets in eval mode
   * over the variance it learned to expect in training (Li et al. 2019, "variance shift"; 1 = no shift). */
  ratio: number;
}

export interface TrainerStatus {
  /** Steps taken so far. */
  steps: number;
  epoch: number;
  stepInEpoch: number;
  stepsPerEpoch: number;
  divergence: Divergence | null;
}

/** Plain arrays, safe to post from a Web Worker or store as JSON; names follow PyTorch's state_dict. */
export interface Snapshot extends NetworkState {
  steps: number;
}

/** A training run to drive step by step, e.g. from a Web Worker: every result is a plain object. */
export interface Trainer {
  config: LabConfig;
  stepsPerEpoch: number;
  step(): StepReport;
  /** Loss and accuracy over a whole split, in eval mode (BatchNorm's running statistics, no dropout) unless
   * the options ask for batch statistics. */
  evaluate(split: "train" | "test", options?: EvaluateOptions): EvalReport;
  /** Each BatchNorm block's variance shift over a split (eval mode); empty without BatchNorm. */
  varianceShift(split: "train" | "test"): VarianceShift[];
  /** Class probabilities (count × classes, softmax of the logits) in eval mode, e.g. over a grid of
   * points for a decision-boundary plot; `inputs` holds count samples, row-major. */
  predict(inputs: ArrayLike<number>, count: number): Float64Array;
  /** The generated data set, for plotting. */
  dataset(split: "train" | "test"): Dataset;
  status(): TrainerStatus;
  snapshot(): Snapshot;
}

const MAX_EVAL_BATCH = 100_000;

/** Copies samples `order[from…from+batch)` of a data set into the batch buffers. */
function gatherBatch(data: Dataset, order: ArrayLike<number>, from: number, batch: number, inputs: FloatArray, labels: Uint8Array): void {
  const perSample = data.inputs.length / data.size;
  for (let n = 0; n < batch; n++) {
    const sample = order[from + n]!;
    inputs.set(data.inputs.subarray(sample * perSample, (sample + 1) * perSample), n * perSample);
    labels[n] = data.labels[sample]!;
  }
}

export function createTrainer(settings: LabSettings | PresetName = {}): Trainer {
  const config = resolveConfig(settings);
  const { seed, data, batchSize } = config;
  const options = { noise: data.noise, classes: data.classes };
  const train = makeDataset(data.name, { ...options, size: data.trainSize }, streamRandom(seed, "trainData"));
  const test = makeDataset(data.name, { ...options, size: data.testSize }, streamRandom(seed, "testData"));
  const model = createLabModel(config);
  const { network } = model;
  const shuffleRandom = streamRandom(seed, "shuffle");
  const order = Uint32Array.from({ length: train.size }, (_, i) => i);
  const stepsPerEpoch = config.dropLast ? Math.floor(train.size / batchSize) : Math.ceil(train.size / batchSize);
  const inputs = allocate(config.dtype, batchSize * (train.inputs.length / train.size));
  const labels = new Uint8Array(batchSize);
  let steps = 0;
  let divergence: Divergence | null = null;

  const position = () => ({ epoch: Math.floor(steps / stepsPerEpoch), stepInEpoch: steps % stepsPerEpoch });

  /** A fresh network holding this one's weights and BatchNorm buffers, for larger batches or a training-mode
   * pass that must not move this run's running statistics or dropout stream. */
  function copyOf(maxBatch: number): LabModel {
    const copy = createLabModel({ ...config, batchSize: maxBatch });
    copy.network.params.forEach((parameter, i) => parameter.value.set(network.params[i]!.value));
    copy.network.layers.forEach((layer, i) => {
      const own = network.layers[i]!;
      if (isBatchNorm(layer) && isBatchNorm(own)) {
        layer.runningMean.set(own.runningMean);
        layer.runningVar.set(own.runningVar);
      }
    });
    return copy;
  }

  function probe(batch: number): ProbeMetrics | null {
    if (!config.probe) return null;
    const { block: blockIndex, unit, point } = config.probe;
    const block = network.blocks[blockIndex - 1]!;
    const layerIndex = point === "pre-norm" ? block.preNorm : block.preActivation;
    const sorted = unitValues(network.outputs[layerIndex]!, batch, block.width, block.spatial, unit);
    const norm = block.norm === null ? null : network.layers[block.norm]!;
    const batchNorm = norm && isBatchNorm(norm) ? norm : null;
    return {
      block: blockIndex,
      unit,
      point,
      p15: quantile(sorted, 0.15),
      p50: quantile(sorted, 0.5),
      p85: quantile(sorted, 0.85),
      batchMean: batchNorm && !batchNorm.frozen ? batchNorm.lastBatchMean[unit]! : null,
      batchVar: batchNorm && !batchNorm.frozen ? batchNorm.lastBatchVar[unit]! : null,
      runningMean: batchNorm ? batchNorm.runningMean[unit]! : null,
      runningVar: batchNorm ? batchNorm.runningVar[unit]! : null,
    };
  }

  return {
    config,
    stepsPerEpoch,
    step() {
      if (divergence) return { ...divergence };
      const { epoch, stepInEpoch } = position();
      if (stepInEpoch === 0) shuffleInPlace(order, shuffleRandom);
      const from = stepInEpoch * batchSize;
      const batch = Math.min(batchSize, train.size - from);
      gatherBatch(train, order, from, batch, inputs, labels);
      const outcome = model.trainBatch(inputs, labels, batch);
      const step = steps;
      steps += 1;
      if (outcome.divergence) {
        const parameter = outcome.divergence.cause === "parameter" ? outcome.divergence.parameter : null;
        divergence = { kind: "diverged", step, epoch, cause: outcome.divergence.cause, parameter, loss: outcome.loss };
        return { ...divergence };
      }
      return { kind: "step", step, epoch, stepInEpoch, loss: outcome.loss, accuracy: outcome.correct / batch, probe: probe(batch) };
    },
    evaluate(split, options = {}) {
      const dataset = split === "train" ? train : test;
      const evalBatch = options.batchSize ?? batchSize;
      if (!Number.isInteger(evalBatch) || evalBatch < 1 || evalBatch > MAX_EVAL_BATCH) {
        throw new LabError("bad_value", `batchSize must be an integer from 1 to ${MAX_EVAL_BATCH}, got ${String(evalBatch)}`, ["batchSize"]);
      }
      const order = Uint32Array.from({ length: dataset.size }, (_, i) => i);
      if (options.order === "by-class") order.sort((a, b) => dataset.labels[a]! - dataset.labels[b]! || a - b);
      const training = options.statistics === "batch";
      const evaluator = training || evalBatch > batchSize ? copyOf(Math.max(evalBatch, batchSize)) : model;
      const perSample = dataset.inputs.length / dataset.size;
      const batchInputs = evalBatch <= batchSize ? inputs : allocate(config.dtype, evalBatch * perSample);
      const batchLabels = evalBatch <= batchSize ? labels : new Uint8Array(evalBatch);
      let lossSum = 0;
      let correct = 0;
      for (let from = 0; from < dataset.size; from += evalBatch) {
        const batch = Math.min(evalBatch, dataset.size - from);
        gatherBatch(dataset, order, from, batch, batchInputs, batchLabels);
        const result = evaluator.forwardBatch(batchInputs, batchLabels, batch, training);
        lossSum += result.loss * batch;
        correct += result.correct;
      }
      return { split, samples: dataset.size, loss: lossSum / dataset.size, accuracy: correct / dataset.size };
    },
    varianceShift(split) {
      const dataset = split === "train" ? train : test;
      const watched = network.blocks.filter((block) => block.norm !== null && isBatchNorm(network.layers[block.norm]!));
      const sums = watched.map((block) => ({ block, sum: new Float64Array(block.width), squares: new Float64Array(block.width) }));
      const identity = Uint32Array.from({ length: dataset.size }, (_, i) => i);
      for (let from = 0; from < dataset.size; from += batchSize) {
        const batch = Math.min(batchSize, dataset.size - from);
        gatherBatch(dataset, identity, from, batch, inputs, labels);
        forwardNetwork(network, inputs, batch, false);
        for (const { block, sum, squares } of sums) {
          const values = network.outputs[block.preNorm]!;
          for (let n = 0; n < batch; n++) {
            for (let unit = 0; unit < block.width; unit++) {
              const start = (n * block.width + unit) * block.spatial;
              let unitSum = 0;
              let unitSquares = 0;
              for (let s = start; s < start + block.spatial; s++) {
                unitSum += values[s]!;
                unitSquares += values[s]! * values[s]!;
              }
              sum[unit] = sum[unit]! + unitSum;
              squares[unit] = squares[unit]! + unitSquares;
            }
          }
        }
      }
      return sums.map(({ block, sum, squares }) => {
        const layer = network.layers[block.norm!] as BatchNormLayer;
        const count = dataset.size * block.spatial;
        let ratio = 0;
        for (let unit = 0; unit < block.width; unit++) {
          const mean = sum[unit]! / count;
          const variance = Math.max(0, squares[unit]! / count - mean * mean);
          ratio += variance / layer.runningVar[unit]!;
        }
        return { block: block.index, ratio: ratio / block.width };
      });
    },
    predict(values, count) {
      const perSample = train.inputs.length / train.size;
      const classes = network.classes;
      const probabilities = new Float64Array(count * classes);
      for (let from = 0; from < count; from += batchSize) {
        const batch = Math.min(batchSize, count - from);
        for (let i = 0; i < batch * perSample; i++) inputs[i] = values[from * perSample + i]!;
        const logits = forwardNetwork(network, inputs, batch, false);
        softmaxInto(logits, batch, classes, probabilities.subarray(from * classes, (from + batch) * classes));
      }
      return probabilities;
    },
    dataset(split) {
      return split === "train" ? train : test;
    },
    status() {
      return { steps, ...position(), stepsPerEpoch, divergence: divergence && { ...divergence } };
    },
    snapshot() {
      return { steps, ...networkState(network) };
    },
  };
}
