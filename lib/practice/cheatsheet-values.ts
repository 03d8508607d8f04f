import { forward, frameworkDefaults, rmsNormDefaultEps, type Framework } from "@/lib/bn";
import { engineCall, formatNumber, runEngine, texNumber } from "@/lib/calculator";

/*
 * The numbers a cheat sheet quotes from the engine, so that none is typed by hand. A cheat sheet writes
 * {{reference}}, optionally {{reference|tex}} inside math; lib/content's loader hands each reference here.
 *
 *   pytorch.<field>, keras.<field>   frameworkDefaults (eps, momentum, affine, gammaInit, runningVarInit, …),
 *                                    batchWeight / keepWeight (what one running update gives the new batch and
 *                                    keeps of the old value, from a training forward pass), keras.rmsNormEps
 *   params.<Layer>(<args>).<field>   countParams: trainable, nonTrainable, buffers or reportedTotal; arguments
 *                                    as in the framework's constructor: BatchNorm2d(64),
 *                                    GroupNorm(32, 64), Conv2d(64, 128, 3, bias=False), LayerNorm([64, 7, 7])
 *   valuesPerChannel(<shape>)        the values behind each channel's statistics, from a forward pass
 */

/** A reference the engine cannot answer; the message says which and why. */
export class CheatSheetValueError extends Error {
  constructor(reference: string, why: string) {
    super(`{{${reference}}}: ${why}`);
    this.name = "CheatSheetValueError";
  }
}

/** Each layer's positional constructor arguments, in the engine's names. */
const POSITIONAL: Record<string, string[]> = {
  BatchNorm1d: ["numFeatures"],
  BatchNorm2d: ["numFeatures"],
  BatchNorm3d: ["numFeatures"],
  InstanceNorm1d: ["numFeatures"],
  InstanceNorm2d: ["numFeatures"],
  InstanceNorm3d: ["numFeatures"],
  LayerNorm: ["normalizedShape"],
  RMSNorm: ["normalizedShape"],
  GroupNorm: ["numGroups", "numChannels"],
  LocalResponseNorm: ["size"],
  BatchNormalization: ["features"],
  LayerNormalization: ["features"],
  RMSNormalization: ["features"],
  GroupNormalization: ["features"],
  Conv2d: ["inChannels", "outChannels", "kernelSize"],
  Linear: ["inFeatures", "outFeatures"],
};
const COUNT_FIELDS = ["trainable", "nonTrainable", "buffers", "reportedTotal"];
const MAX_VALUES = 1_000_000;

type Value = number | boolean;

/** The engine's answer to one cheat-sheet reference, as text (numbers to 6 significant digits, booleans as Python writes them). */
export function cheatSheetValue(placeholder: string): string {
  const [reference = "", format, ...extra] = placeholder.split("|").map((part) => part.trim());
  if (extra.length > 0 || (format !== undefined && format !== "tex")) {
    throw new CheatSheetValueError(placeholder, 'the only format is "|tex"');
  }
  const value = lookUp(reference);
  if (typeof value === "boolean") return value ? "True" : "False";
  return format === "tex" ? texNumber(value) : formatNumber(value);
}

function lookUp(reference: string): Value {
  const defaults = /^(pytorch|keras)\.(\w+)$/.exec(reference);
  if (defaults) return frameworkValue(reference, defaults[1] as Framework, defaults[2]!);
  const params = /^params\.(\w+)\((.*)\)\.(\w+)$/.exec(reference);
  if (params) return paramCount(reference, params[1]!, params[2]!, params[3]!);
  const perChannel = /^valuesPerChannel\((.*)\)$/.exec(reference);
  if (perChannel) return valuesPerChannel(reference, perChannel[1]!);
  throw new CheatSheetValueError(reference, "unknown placeholder: use pytorch.<field>, keras.<field>, params.<Layer>(…).<count> or valuesPerChannel(…)");
}

function frameworkValue(reference: string, framework: Framework, field: string): Value {
  if (field === "batchWeight" || field === "keepWeight") {
    // What one training forward pass of a default layer actually gives the batch statistic (PyTorch's momentum,
    // Keras's 1 − momentum), rather than a restatement of the convention.
    const { running } = forward({ framework, mode: "train", input: [0, 2], shape: [2, 1] });
    const factor = running!.factor!;
    return field === "batchWeight" ? factor : 1 - factor;
  }
  if (framework === "keras" && field === "rmsNormEps") return rmsNormDefaultEps("keras");
  const values: Record<string, unknown> = { ...frameworkDefaults(framework) };
  const value = values[field];
  if (field === "framework" || (typeof value !== "number" && typeof value !== "boolean")) {
    const known = [...Object.keys(values).filter((key) => key !== "framework"), "batchWeight", "keepWeight"];
    throw new CheatSheetValueError(reference, `unknown ${framework} default "${field}"; known: ${known.join(", ")}${framework === "keras" ? ", rmsNormEps" : ""}`);
  }
  return value;
}

function paramCount(reference: string, layer: string, argText: string, field: string): number {
  const positional = POSITIONAL[layer];
  if (!positional) throw new CheatSheetValueError(reference, `unknown layer ${layer}; known: ${Object.keys(POSITIONAL).join(", ")}`);
  if (!COUNT_FIELDS.includes(field)) throw new CheatSheetValueError(reference, `unknown count "${field}"; use ${COUNT_FIELDS.join(", ")}`);
  const args: Record<string, unknown> = { layer };
  splitArgs(reference, argText).forEach((arg, index) => {
    const keyword = /^([a-z_]+)\s*=\s*(.+)$/.exec(arg);
    if (keyword) {
      args[keyword[1]!.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())] = parseValue(reference, keyword[2]!);
    } else {
      const name = positional[index];
      if (!name) throw new CheatSheetValueError(reference, `${layer} takes ${positional.length} positional argument(s)`);
      args[name] = parseValue(reference, arg);
    }
  });
  try {
    return runEngine(engineCall("params", args))[field] as number;
  } catch (error) {
    throw new CheatSheetValueError(reference, (error as Error).message);
  }
}

function valuesPerChannel(reference: string, argText: string): number {
  const shape = splitArgs(reference, argText).map((arg) => parseValue(reference, arg));
  if (shape.length < 2 || shape.some((dim) => typeof dim !== "number" || !Number.isInteger(dim) || dim <= 0)) {
    throw new CheatSheetValueError(reference, "give a shape of 2 to 5 positive integers, such as (8, 64, 14, 14)");
  }
  const dims = shape as number[];
  const size = dims.reduce((product, dim) => product * dim, 1);
  if (size > MAX_VALUES) throw new CheatSheetValueError(reference, `a shape of ${size} values; at most ${MAX_VALUES} here`);
  try {
    return forward({ framework: "pytorch", mode: "train", input: new Float64Array(size), shape: dims, includeXHat: false }).valuesPerChannel;
  } catch (error) {
    throw new CheatSheetValueError(reference, (error as Error).message);
  }
}

/** Comma-separated arguments, commas inside [ ] kept: "64, 128, 3, bias=False" or "[64, 7, 7]". */
function splitArgs(reference: string, text: string): string[] {
  const args: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of text) {
    if (char === "[") depth++;
    if (char === "]") depth--;
    if (depth < 0) throw new CheatSheetValueError(reference, "unbalanced [ ]");
    if (char === "," && depth === 0) {
      args.push(current.trim());
      current = "";
    } else {
      current += char;
    }
  }
  if (depth !== 0) throw new CheatSheetValueError(reference, "unbalanced [ ]");
  if (current.trim() !== "" || args.length > 0) args.push(current.trim());
  return args;
}

function parseValue(reference: string, text: string): number | boolean | number[] {
  if (text === "True" || text === "False") return text === "True";
  const list = /^\[(.*)\]$/.exec(text);
  if (list) return splitArgs(reference, list[1]!).map((item) => parseNumber(reference, item));
  return parseNumber(reference, text);
}

function parseNumber(reference: string, text: string): number {
  const value = Number(text);
  if (text === "" || !Number.isFinite(value)) throw new CheatSheetValueError(reference, `"${text}" is not a number, True, False or a [list]`);
  return value;
}
