import { texNumber as num, texOperand as op } from "./format";
import type { FoldView } from "./fold";
import type { RmsView } from "./rms";
import type { TensorView } from "./tensor";

export type WorkingStep =
  | "mean"
  | "variance"
  | "unbiasedVariance"
  | "runningStats"
  | "invStd"
  | "xHat"
  | "output"
  | "runningMean"
  | "runningVar"
  | "numBatchesTracked"
  | "dbeta"
  | "dgamma"
  | "dx"
  | "meanSquare"
  | "rms"
  | "rmsOutput";

export interface WorkingLine {
  step: WorkingStep;
  tex: string;
}

const RUNNING_MEAN = { pytorch: "\\text{running\\_mean}", keras: "\\text{moving\\_mean}" } as const;
const RUNNING_VAR = { pytorch: "\\text{running\\_var}", keras: "\\text{moving\\_variance}" } as const;

/**
 * A chain `a ← b = c = d` as stacked lines aligned on its relations (`a ← b`, then `= c`, then `= d`): the
 * result gets a short line of its own, so it stays in view on a phone even when the substituted numbers need
 * scrolling.
 */
export function stacked(tex: string): string {
  const parts: string[] = [];
  const relations: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < tex.length; i++) {
    const char = tex[i];
    if (char === "{") depth++;
    else if (char === "}") depth--;
    else if (depth === 0) {
      const relation = [" = ", " \\leftarrow "].find((candidate) => tex.startsWith(candidate, i));
      if (relation) {
        parts.push(tex.slice(start, i));
        relations.push(relation.trim());
        start = i + relation.length;
        i += relation.length - 1;
      }
    }
  }
  parts.push(tex.slice(start));
  if (parts.length < 3) return tex;
  const rows = parts.slice(1).map((part, index) => `&${relations[index]} ${part}`);
  return `\\begin{aligned}${parts[0]} ${rows.join(" \\\\ ")}\\end{aligned}`;
}

function sumOf(terms: string[]): string {
  return terms.join(" + ").replace(/\+ -/g, "- ");
}

/**
 * The formulas of one channel with its numbers put in ([Ioffe] Alg. 1; running-statistics updates as
 * PyTorch's ATen batch_norm_cpu_update_stats_template and Keras's BatchNormalization.call write them).
 */
export function tensorWorking(view: TensorView): WorkingLine[] {
  const c = view.channel;
  const n = view.valuesPerChannel;
  const xs = view.channelInput;
  const complete = xs.length === n;
  const mean = view.stats.batchMean[c]!;
  const variance = view.stats.batchVar[c]!;
  const eps = num(view.eps);
  const lines: WorkingLine[] = [];

  if (complete) {
    lines.push({ step: "mean", tex: `\\mu_{${c}} = \\frac{${sumOf(xs.map((x) => num(x)))}}{${n}} = ${num(mean)}` });
    const squares = xs.map((x) => `(${num(x)} - ${op(mean)})^2`).join(" + ");
    lines.push({ step: "variance", tex: `\\sigma^2_{${c}} = \\frac{${squares}}{${n}} = ${num(variance)}` });
  } else {
    lines.push({ step: "mean", tex: `\\mu_{${c}} = \\frac{1}{${n}}\\sum_{i=1}^{${n}} x_i = \\frac{${num(mean * n)}}{${n}} = ${num(mean)}` });
    lines.push({
      step: "variance",
      tex: `\\sigma^2_{${c}} = \\frac{1}{${n}}\\sum_{i=1}^{${n}} (x_i - \\mu_{${c}})^2 = \\frac{${num(variance * n)}}{${n}} = ${num(variance)}`,
    });
  }
  const unbiased = view.stats.batchUnbiasedVar?.[c];
  if (unbiased !== undefined) {
    lines.push({
      step: "unbiasedVariance",
      tex: `\\sigma^2_{${c},\\,\\text{unbiased}} = \\frac{n}{n-1}\\,\\sigma^2_{${c}} = \\frac{${n}}{${n - 1}} \\cdot ${num(variance)} = ${num(unbiased)}`,
    });
  }

  const normMean = view.stats.normMean[c]!;
  const normVar = view.stats.normVar[c]!;
  const meanSymbol = view.usedBatchStats ? `\\mu_{${c}}` : `${RUNNING_MEAN[view.framework]}_{${c}}`;
  const varSymbol = view.usedBatchStats ? `\\sigma^2_{${c}}` : `${RUNNING_VAR[view.framework]}_{${c}}`;
  if (!view.usedBatchStats) {
    lines.push({ step: "runningStats", tex: `${meanSymbol} = ${num(normMean)},\\quad ${varSymbol} = ${num(normVar)}` });
  }
  const invStd = view.stats.invStd[c]!;
  lines.push({
    step: "invStd",
    tex: `\\frac{1}{\\sqrt{${varSymbol} + \\epsilon}} = \\frac{1}{\\sqrt{${num(normVar)} + ${eps}}} = ${num(invStd)}`,
  });
  const x1 = xs[0]!;
  const xHat1 = view.channelXHat[0]!;
  lines.push({
    step: "xHat",
    tex: `\\hat{x}_1 = \\frac{x_1 - ${meanSymbol}}{\\sqrt{${varSymbol} + \\epsilon}} = \\frac{${num(x1)} - ${op(normMean)}}{\\sqrt{${num(normVar)} + ${eps}}} = ${num(xHat1)}`,
  });
  const gamma = view.stats.gamma?.[c];
  const beta = view.stats.beta?.[c];
  const formula = `${gamma !== undefined ? "\\gamma_{" + c + "}\\,\\hat{x}_1" : "\\hat{x}_1"}${beta !== undefined ? ` + \\beta_{${c}}` : ""}`;
  const numbers = `${gamma !== undefined ? `${num(gamma)} \\cdot ${op(xHat1)}` : num(xHat1)}${beta !== undefined ? ` + ${op(beta)}` : ""}`;
  lines.push({ step: "output", tex: `y_1 = ${formula} = ${numbers} = ${num(view.channelOutput[0]!)}` });

  const running = view.running;
  if (running?.updated && running.factor !== null) {
    const before = { mean: running.meanBefore[c]!, variance: running.varBefore[c]! };
    const after = { mean: running.meanAfter[c]!, variance: running.varAfter[c]! };
    const fedVar = running.varianceFed === "unbiased" ? unbiased! : variance;
    const fedSymbol = running.varianceFed === "unbiased" ? `\\sigma^2_{${c},\\,\\text{unbiased}}` : `\\sigma^2_{${c}}`;
    if (view.framework === "pytorch") {
      const m = view.momentum === null ? `\\tfrac{1}{${running.numBatchesTrackedAfter}}` : num(running.factor);
      const oneMinus = num(1 - running.factor);
      const mSymbol = view.momentum === null ? "\\tfrac{1}{\\text{num\\_batches\\_tracked}}" : "m";
      lines.push({
        step: "runningMean",
        tex: `${RUNNING_MEAN.pytorch} \\leftarrow (1 - ${mSymbol})\\cdot${RUNNING_MEAN.pytorch} + ${mSymbol}\\cdot\\mu_{${c}} = ${oneMinus} \\cdot ${op(before.mean)} + ${m} \\cdot ${op(mean)} = ${num(after.mean)}`,
      });
      lines.push({
        step: "runningVar",
        tex: `${RUNNING_VAR.pytorch} \\leftarrow (1 - ${mSymbol})\\cdot${RUNNING_VAR.pytorch} + ${mSymbol}\\cdot${fedSymbol} = ${oneMinus} \\cdot ${op(before.variance)} + ${m} \\cdot ${op(fedVar)} = ${num(after.variance)}`,
      });
      lines.push({
        step: "numBatchesTracked",
        tex: `\\text{num\\_batches\\_tracked} \\leftarrow ${running.numBatchesTrackedBefore} + 1 = ${running.numBatchesTrackedAfter}`,
      });
    } else {
      const momentum = num(view.momentum!);
      const factor = num(running.factor);
      lines.push({
        step: "runningMean",
        tex: `${RUNNING_MEAN.keras} \\leftarrow ${RUNNING_MEAN.keras}\\cdot\\text{momentum} + \\mu_{${c}}\\cdot(1 - \\text{momentum}) = ${op(before.mean)} \\cdot ${momentum} + ${op(mean)} \\cdot ${factor} = ${num(after.mean)}`,
      });
      lines.push({
        step: "runningVar",
        tex: `${RUNNING_VAR.keras} \\leftarrow ${RUNNING_VAR.keras}\\cdot\\text{momentum} + ${fedSymbol}\\cdot(1 - \\text{momentum}) = ${op(before.variance)} \\cdot ${momentum} + ${op(fedVar)} \\cdot ${factor} = ${num(after.variance)}`,
      });
    }
  }

  const gradients = view.gradients;
  if (gradients && view.channelDy && view.channelDx) {
    const sumDy = gradients.sumDy[c]!;
    const sumDyXHat = gradients.sumDyXHat[c]!;
    lines.push({ step: "dbeta", tex: `\\frac{\\partial \\ell}{\\partial \\beta_{${c}}} = \\sum_i dy_i = ${num(sumDy)}` });
    lines.push({ step: "dgamma", tex: `\\frac{\\partial \\ell}{\\partial \\gamma_{${c}}} = \\sum_i dy_i\\,\\hat{x}_i = ${num(sumDyXHat)}` });
    const g = gamma ?? 1;
    const dy1 = view.channelDy[0]!;
    const dx1 = view.channelDx[0]!;
    const gammaSymbol = gamma !== undefined ? `\\gamma_{${c}}` : "1";
    if (view.usedBatchStats) {
      lines.push({
        step: "dx",
        tex: `dx_1 = \\frac{${gammaSymbol}}{n\\sqrt{\\sigma^2_{${c}} + \\epsilon}}\\Big(n\\,dy_1 - \\sum_i dy_i - \\hat{x}_1 \\sum_i dy_i\\,\\hat{x}_i\\Big) = \\frac{${num(g)}}{${n}\\sqrt{${num(normVar)} + ${eps}}}\\big(${n} \\cdot ${op(dy1)} - ${op(sumDy)} - ${op(xHat1)} \\cdot ${op(sumDyXHat)}\\big) = ${num(dx1)}`,
      });
    } else {
      lines.push({
        step: "dx",
        tex: `dx_1 = dy_1 \\cdot \\frac{${gammaSymbol}}{\\sqrt{${varSymbol} + \\epsilon}} = ${op(dy1)} \\cdot \\frac{${num(g)}}{\\sqrt{${num(normVar)} + ${eps}}} = ${num(dx1)}`,
      });
    }
  }
  return lines.map((line) => ({ ...line, tex: stacked(line.tex) }));
}

/** Output channel c of a BatchNorm folded into the layer before it (torch/nn/utils/fusion.py v1.13). */
export function foldWorking(view: FoldView, c = 0): string[] {
  const gamma = view.gamma?.[c];
  const beta = view.beta?.[c];
  const bias = view.bias?.[c] ?? 0;
  const g = gamma === undefined ? "1" : num(gamma);
  const root = `\\sqrt{${num(view.runningVar[c]!)} + ${num(view.eps)}}`;
  const w = view.weight[c * (view.weight.length / view.result.outChannels)]!;
  return [
    `W' = W\\cdot\\frac{\\gamma}{\\sqrt{\\text{var}+\\epsilon}},\\qquad b' = (b-\\mu)\\,\\frac{\\gamma}{\\sqrt{\\text{var}+\\epsilon}} + \\beta`,
    ...[
      `\\frac{\\gamma_{${c}}}{\\sqrt{\\text{var}_{${c}}+\\epsilon}} = \\frac{${g}}{${root}} = ${num(view.result.scale[c]!)}`,
      `W'_{${c},0} = ${op(w)} \\cdot ${num(view.result.scale[c]!)} = ${num(view.result.weight[c * (view.weight.length / view.result.outChannels)]!)}`,
      `b'_{${c}} = (${num(bias)} - ${op(view.runningMean[c]!)}) \\cdot ${num(view.result.scale[c]!)} + ${op(beta ?? 0)} = ${num(view.result.bias[c]!)}`,
    ].map(stacked),
  ];
}

/** x² in TeX, with the parentheses a negative or e-notation x needs: (−2)², (1×10⁻⁵)². */
function squared(value: number): string {
  const tex = num(value);
  return value < 0 || tex.includes("^") ? `(${tex})^2` : `${tex}^2`;
}

/**
 * RMSNorm on row 0 with its numbers put in: y = x / √(mean(x²) + ε) · γ (torch.nn.RMSNorm docs; Keras
 * keras/src/ops/nn.py _rms_normalization), its first values written out. Sums are written as (a + b + …) / n
 * rather than fractions, so a long line can break after its + and = signs.
 */
export function rmsWorking(view: RmsView): WorkingLine[] {
  const { result, weight } = view;
  const n = result.valuesPerRow;
  const xs = view.rowInput;
  const meanSquare = result.meanSquare[0]!;
  const invRms = result.invRms[0]!;
  const terms = xs.map(squared).join(" + ");
  const sum = num(meanSquare * n);
  const mean =
    xs.length === n
      ? `\\operatorname{mean}(x^2) = (${terms}) / ${n} = ${sum} / ${n} = ${num(meanSquare)}`
      : `\\operatorname{mean}(x^2) = (x_1^2 + \\cdots + x_{${n}}^2) / ${n} = (${terms} + \\cdots) / ${n} = ${sum} / ${n} = ${num(meanSquare)}`;
  const rms = num(1 / invRms);
  const lines: WorkingLine[] = [
    { step: "meanSquare", tex: mean },
    {
      step: "rms",
      tex: `\\mathrm{RMS}(x) = \\sqrt{\\operatorname{mean}(x^2) + \\epsilon} = \\sqrt{${num(meanSquare)} + ${num(result.eps)}} = ${rms}`,
    },
  ];
  xs.forEach((x, i) => {
    const formula = `\\frac{x_{${i + 1}}}{\\mathrm{RMS}(x)}${weight ? `\\cdot\\gamma_{${i + 1}}` : ""}`;
    const numbers = `\\frac{${num(x)}}{${rms}}${weight ? ` \\cdot ${op(weight[i]!)}` : ""}`;
    lines.push({ step: "rmsOutput", tex: `y_{${i + 1}} = ${formula} = ${numbers} = ${num(result.output[i]!)}` });
  });
  return lines;
}
