import { normal, randomIndex, type Random } from "./random";

export type DatasetName = "spirals" | "blobs" | "bars";

/** Labelled samples, generated from a seed (nothing is downloaded). */
export interface Dataset {
  name: DatasetName;
  /** Shape of one sample: [2] for points, [1, 8, 8] for images. */
  sampleShape: number[];
  classes: number;
  size: number;
  /** size × (values per sample), row-major. */
  inputs: Float64Array;
  labels: Uint8Array;
}

export interface DatasetOptions {
  size: number;
  /** Spirals and blobs: standard deviation of the Gaussian jitter. Bars: amplitude of the uniform
   * background noise. */
  noise: number;
  /** Blobs only (spirals have 2 classes, bars 4). */
  classes?: number;
}

const SPIRAL_TURNS = 1.25;

/**
 * Two interleaved spirals (Lang & Witbrock, "Learning to tell two spirals apart", 1988): sample i has
 * class i mod 2 and lies at radius t, angle 2π·turns·t + π·class, with t uniform in [0, 1), plus Gaussian
 * jitter on each coordinate.
 */
export function twoSpirals(options: DatasetOptions, random: Random): Dataset {
  const { size, noise } = options;
  const inputs = new Float64Array(size * 2);
  const labels = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    const label = i % 2;
    const t = random();
    const angle = 2 * Math.PI * SPIRAL_TURNS * t + Math.PI * label;
    inputs[2 * i] = t * Math.cos(angle) + noise * normal(random);
    inputs[2 * i + 1] = t * Math.sin(angle) + noise * normal(random);
    labels[i] = label;
  }
  return { name: "spirals", sampleShape: [2], classes: 2, size, inputs, labels };
}

const BLOB_RADIUS = 2;

/** Isotropic Gaussian blobs: class k (sample i has class i mod K) is centred on the circle of radius 2
 * at angle 2πk/K; `noise` is the standard deviation. */
export function gaussianBlobs(options: DatasetOptions, random: Random): Dataset {
  const { size, noise } = options;
  const classes = options.classes ?? 3;
  const inputs = new Float64Array(size * 2);
  const labels = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    const label = i % classes;
    const angle = (2 * Math.PI * label) / classes;
    inputs[2 * i] = BLOB_RADIUS * Math.cos(angle) + noise * normal(random);
    inputs[2 * i + 1] = BLOB_RADIUS * Math.sin(angle) + noise * normal(random);
    labels[i] = label;
  }
  return { name: "blobs", sampleShape: [2], classes, size, inputs, labels };
}

export const BAR_CLASSES = ["horizontal", "vertical", "diagonal", "anti-diagonal"] as const;
const SIDE = 8;
const BAR_LENGTH = 6;

/**
 * 8×8 single-channel images of one bar each, 4 classes (sample i has class i mod 4): a horizontal or
 * vertical bar of 6 pixels at a random row/column and offset, or a diagonal / anti-diagonal line at a
 * random offset, of random intensity in [0.5, 1), on uniform background noise in [−noise, noise). Only
 * exact arithmetic (no sin, log), so a port in another language gives the very same images.
 */
export function barImages(options: DatasetOptions, random: Random): Dataset {
  const { size, noise } = options;
  const pixels = SIDE * SIDE;
  const inputs = new Float64Array(size * pixels);
  const labels = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    const label = i % BAR_CLASSES.length;
    const image = i * pixels;
    for (let p = 0; p < pixels; p++) inputs[image + p] = noise * (2 * random() - 1);
    const intensity = 0.5 + 0.5 * random();
    const line = randomIndex(random, SIDE);
    const offset = randomIndex(random, SIDE - BAR_LENGTH + 1);
    for (let k = 0; k < SIDE; k++) {
      let row = -1;
      let column = -1;
      if (label === 0 && k < BAR_LENGTH) [row, column] = [line, offset + k];
      else if (label === 1 && k < BAR_LENGTH) [row, column] = [offset + k, line];
      else if (label === 2) [row, column] = [k, k + offset - 1];
      else if (label === 3) [row, column] = [k, SIDE - k + offset - 2];
      if (row >= 0 && row < SIDE && column >= 0 && column < SIDE) {
        inputs[image + row * SIDE + column] = inputs[image + row * SIDE + column]! + intensity;
      }
    }
    labels[i] = label;
  }
  return { name: "bars", sampleShape: [1, SIDE, SIDE], classes: BAR_CLASSES.length, size, inputs, labels };
}

export function makeDataset(name: DatasetName, options: DatasetOptions, random: Random): Dataset {
  if (name === "spirals") return twoSpirals(options, random);
  if (name === "blobs") return gaussianBlobs(options, random);
  return barImages(options, random);
}
