import { spawn, type ChildProcess } from "node:child_process";
import { createInterface, type Interface } from "node:readline";
import { fileURLToPath } from "node:url";
import { forward } from "../lib/bn/index";
import { mulberry32 } from "../lib/bn/random";
import { createTrainer } from "../lib/lab/index";

// BN Lab against PyTorch 1.13 on one CPU thread, both measured in the same run:
//   lab-*:      the default experiment (MLP 2→64→64→2 with BN, two spirals of 2,000 points, batch 32,
//               20 epochs of SGD), each step's loss and batch accuracy read, no probe;
//   bn-float32: lib/bn's train-mode forward with running-statistics update on (32,64,56,56) in float32,
//               into a fresh output array each call (no x̂), against torch.nn.BatchNorm2d.
// Each workload runs in its own process (a Node child for ours, one Python child for PyTorch's) and the
// parent asks them in turn, alternating the order each round, so load from other processes on this shared
// 2-core machine falls on all of them alike. Separate Node processes keep one workload's typed-array
// feedback (float64 lab, float32 BN) from slowing another's compiled code, as separate pages would.

type Workload = "lab-float64" | "lab-float32" | "bn-float32";

const PYTHON = "/usr/bin/python3";
const EPOCHS = 20;
const BN_SHAPE = [32, 64, 56, 56];
const ROUNDS: Record<"lab" | "bn", { warmUp: number; timed: number }> = { lab: { warmUp: 1, timed: 7 }, bn: { warmUp: 3, timed: 21 } };

function labRun(dtype: "float64" | "float32"): () => number {
  return () => {
    const trainer = createTrainer({ dtype, probe: null });
    const start = performance.now();
    let check = 0;
    for (let epoch = 0; epoch < EPOCHS; epoch++) {
      for (let step = 0; step < trainer.stepsPerEpoch; step++) {
        const report = trainer.step();
        if (report.kind !== "step") throw new Error(`the benchmark run diverged at step ${report.step}`);
        check += report.loss + report.accuracy;
      }
    }
    const ms = performance.now() - start;
    if (!Number.isFinite(check)) throw new Error("non-finite checksum");
    return ms;
  };
}

function bnRun(): () => number {
  const size = BN_SHAPE.reduce((a, b) => a * b, 1);
  const channels = BN_SHAPE[1]!;
  const random = mulberry32(42);
  const input = new Float32Array(size);
  for (let i = 0; i < size; i++) input[i] = random() * 4 - 1;
  const gamma = new Array<number>(channels).fill(1);
  const beta = new Array<number>(channels).fill(0);
  const runningMean = new Array<number>(channels).fill(0);
  const runningVar = new Array<number>(channels).fill(1);
  return () => {
    const start = performance.now();
    const result = forward({
      framework: "pytorch",
      mode: "train",
      dtype: "float32",
      input,
      shape: BN_SHAPE,
      gamma,
      beta,
      runningMean,
      runningVar,
      includeXHat: false,
    });
    const ms = performance.now() - start;
    if (!Number.isFinite(result.output[size - 1]! + result.running!.varAfter[0]!)) throw new Error("non-finite output");
    return ms;
  };
}

/** Child mode: answer each "run" line with one timed run as {"ms": …}. */
function serve(workload: Workload): void {
  const run = workload === "bn-float32" ? bnRun() : labRun(workload === "lab-float32" ? "float32" : "float64");
  const lines = createInterface({ input: process.stdin });
  process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
  lines.on("line", (line) => {
    if (line.trim() === "run") process.stdout.write(`${JSON.stringify({ ms: run() })}\n`);
  });
}

/** A child process that answers one JSON line per request line. */
interface Server {
  name: string;
  ask(line: string): Promise<Record<string, unknown>>;
  ready: Promise<Record<string, unknown>>;
  stop(): void;
}

function server(name: string, child: ChildProcess): Server {
  const lines: Interface = createInterface({ input: child.stdout! });
  const waiting: ((value: Record<string, unknown>) => void)[] = [];
  const failures: ((error: Error) => void)[] = [];
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  lines.on("line", (line) => waiting.shift()?.(JSON.parse(line) as Record<string, unknown>));
  child.on("exit", (code) => {
    const error = new Error(`${name} exited with code ${code}\n${stderr.trim()}`);
    failures.splice(0).forEach((fail) => fail(error));
  });
  const next = () =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      waiting.push(resolve);
      failures.push(reject);
    });
  return {
    name,
    ready: next(),
    ask(line) {
      const answer = next();
      child.stdin!.write(`${line}\n`);
      return answer;
    },
    stop: () => child.kill(),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

interface Contender {
  label: string;
  run: () => Promise<number>;
}

interface Timing {
  median: number;
  min: number;
}

/** Interleaved runs, the order reversed every other round; each contender's median and fastest run. */
async function timeInterleaved(contenders: Contender[], rounds: { warmUp: number; timed: number }): Promise<Timing[]> {
  for (let i = 0; i < rounds.warmUp; i++) for (const contender of contenders) await contender.run();
  const samples = contenders.map((): number[] => []);
  for (let i = 0; i < rounds.timed; i++) {
    const order = contenders.map((_, index) => index);
    if (i % 2 === 1) order.reverse();
    for (const index of order) samples[index]!.push(await contenders[index]!.run());
  }
  return contenders.map((contender, index) => {
    const runs = samples[index]!;
    const timing = { median: median(runs), min: Math.min(...runs) };
    console.log(
      `${contender.label.padEnd(44)} median ${timing.median.toFixed(2).padStart(8)} ms  (min ${timing.min.toFixed(2)}, max ${Math.max(...runs).toFixed(2)})`,
    );
    return timing;
  });
}

async function main(): Promise<void> {
  const torch = server("PyTorch (bench/torch_lab.py)", spawn(PYTHON, [fileURLToPath(new URL("./torch_lab.py", import.meta.url)), "--serve"]));
  let torchInfo: Record<string, unknown>;
  try {
    torchInfo = await torch.ready;
  } catch (error) {
    console.error(
      `PyTorch is not importable with ${PYTHON}, so there is nothing to compare against.\n` +
        "Install Debian's python3-torch (apt-get install -y python3-torch) and run again.\n" +
        (error instanceof Error ? error.message : String(error)),
    );
    process.exit(1);
  }
  const self = fileURLToPath(import.meta.url);
  const ours = (workload: Workload) => server(workload, spawn(process.execPath, [...process.execArgv, self, "--serve", workload]));
  const servers = { "lab-float64": ours("lab-float64"), "lab-float32": ours("lab-float32"), "bn-float32": ours("bn-float32") };
  await Promise.all(Object.values(servers).map((child) => child.ready));
  const ask = (child: Server, line: string) => async () => (await child.ask(line)).ms as number;

  console.log(`BN Lab bench: PyTorch ${String(torchInfo.torch)} on ${String(torchInfo.threads)} thread, Node ${process.version}`);
  console.log(`Default experiment: MLP 2→64→64→2 + BatchNorm, 2,000 spiral points, batch 32, ${EPOCHS} epochs (1,240 SGD steps)`);
  const [lab64, lab32, torch32, torch64] = await timeInterleaved(
    [
      { label: "lib/lab float64", run: ask(servers["lab-float64"], "run") },
      { label: "lib/lab float32", run: ask(servers["lab-float32"], "run") },
      { label: "PyTorch float32 (1 thread)", run: ask(torch, "lab-float32") },
      { label: "PyTorch float64 (1 thread)", run: ask(torch, "lab-float64") },
    ],
    ROUNDS.lab,
  );
  console.log(`BatchNorm2d train forward + running-statistics update, (${BN_SHAPE.join(", ")}), float32, fresh output`);
  const [bnMs, torchBnMs] = await timeInterleaved(
    [
      { label: "lib/bn forward({ dtype: \"float32\" })", run: ask(servers["bn-float32"], "run") },
      { label: "PyTorch BatchNorm2d float32 (1 thread)", run: ask(torch, "bn-float32") },
    ],
    ROUNDS.bn,
  );
  [torch, ...Object.values(servers)].forEach((child) => child.stop());

  const ratios = (ours: Timing, theirs: Timing) =>
    `${(ours.median / theirs.median).toFixed(2)}× by medians, ${(ours.min / theirs.min).toFixed(2)}× by fastest runs`;
  const useFloat32 = lab32!.median < lab64!.median;
  const labMs = useFloat32 ? lab32!.median : lab64!.median;
  const torchLabMs = useFloat32 ? torch32!.median : torch64!.median;
  const labRatio = labMs / torchLabMs;
  const bnRatio = bnMs!.median / torchBnMs!.median;
  console.log(`lab float64 / PyTorch float64: ${ratios(lab64!, torch64!)}`);
  console.log(`lab float32 / PyTorch float32: ${ratios(lab32!, torch32!)}`);
  console.log(
    `lab reported: ${useFloat32 ? "float32" : "float64"} (the faster of ours by median) against PyTorch in the same dtype, ` +
      `${labRatio.toFixed(2)}× (target ≤ 2)`,
  );
  console.log(`bn float32 forward / PyTorch: ${ratios(bnMs!, torchBnMs!)} (target ≤ 1.25 by medians)`);
  const round = (value: number, digits: number) => Number(value.toFixed(digits));
  console.log(
    JSON.stringify({
      labMs: round(labMs, 1),
      torchLabMs: round(torchLabMs, 1),
      labRatio: round(labRatio, 3),
      bnF32Ms: round(bnMs!.median, 2),
      torchF32Ms: round(torchBnMs!.median, 2),
      bnF32Ratio: round(bnRatio, 3),
    }),
  );
}

if (process.argv[2] === "--serve") {
  serve(process.argv[3] as Workload);
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
