import type { DataConfig, DatasetName, Norm } from "@/lib/lab";

/** The lab's experiments, in the order the page lists them. Cards name them in their `lab:` front matter. */
export const EXPERIMENT_IDS = ["learning-rate", "activations", "small-batches", "train-eval", "placement", "dropout"] as const;
export type ExperimentId = (typeof EXPERIMENT_IDS)[number];

export function isExperimentId(value: unknown): value is ExperimentId {
  return EXPERIMENT_IDS.includes(value as ExperimentId);
}

export const DATASETS = ["spirals", "blobs", "bars"] as const satisfies readonly DatasetName[];
export type DatasetChoice = (typeof DATASETS)[number];

/** mlp: 2 hidden layers of 64; deep-mlp: 8 of 64; conv: conv blocks of 8 and 16 channels (bar images only). */
export const ARCHITECTURES = ["mlp", "deep-mlp", "conv"] as const;
export type Architecture = (typeof ARCHITECTURES)[number];

export const NORMS = ["batch", "group", "layer", "none"] as const satisfies readonly Norm[];

/** Everything that decides a lab run; with the seed, the same setup gives the same numbers bit for bit. */
export interface LabSetup {
  experiment: ExperimentId;
  dataset: DatasetChoice;
  architecture: Architecture;
  /** The normalization under test, where the experiment lets the learner choose it. */
  norm: Norm;
  /** GroupNorm's number of groups. */
  groups: number;
  lr: number;
  batch: number;
  epochs: number;
  seed: number;
  /** learning-rate: the sweep. */
  lrs: number[];
  /** small-batches: the batch sizes compared. */
  batches: number[];
  /** train-eval: BatchNorm momenta compared; null is PyTorch's momentum=None (a cumulative average). */
  momenta: (number | null)[];
  /** dropout: the dropout rate. */
  dropout: number;
}

export type SetupField = keyof LabSetup;

export const SETUP_FIELDS = [
  "experiment",
  "dataset",
  "architecture",
  "norm",
  "groups",
  "lr",
  "lrs",
  "batch",
  "batches",
  "momenta",
  "dropout",
  "epochs",
  "seed",
] as const satisfies readonly SetupField[];

export const DEFAULT_SETUP: LabSetup = {
  experiment: "learning-rate",
  dataset: "spirals",
  architecture: "mlp",
  norm: "batch",
  groups: 8,
  lr: 0.1,
  batch: 32,
  epochs: 5,
  seed: 1,
  lrs: [0.01, 0.03, 0.1, 0.3, 1, 3],
  batches: [2, 4, 8, 32],
  momenta: [0.1, 0.01],
  dropout: 0.5,
};

/** The data sets at the lab's sizes: small enough that a sweep of a dozen runs takes seconds on a phone. */
export const DATA: Record<DatasetChoice, DataConfig> = {
  spirals: { name: "spirals", trainSize: 1000, testSize: 500, noise: 0.05, classes: 2 },
  blobs: { name: "blobs", trainSize: 1000, testSize: 500, noise: 0.8, classes: 3 },
  bars: { name: "bars", trainSize: 512, testSize: 256, noise: 0.3, classes: 4 },
};

/** Widths of the hidden layers (MLP) or conv blocks. */
export const WIDTHS: Record<Architecture, number[]> = {
  mlp: [64, 64],
  "deep-mlp": [64, 64, 64, 64, 64, 64, 64, 64],
  conv: [8, 16],
};
