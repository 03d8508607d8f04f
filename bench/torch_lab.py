"""PyTorch's side of `npm run bench:lab` (bench/lab.ts), on one CPU thread.

Run with Debian's interpreter (python3-torch 1.13). bench/lab.ts starts it with `--serve` and sends one
command per line (lab-float32, lab-float64, bn-float32), interleaved with its own runs; each answer is one
JSON line {"ms": …}. Without arguments it times each workload a few times by itself and prints medians.

The lab workload is the default BN Lab experiment with the very data, initial weights and batch order
lib/lab draws from the same seed (the ports in scripts/fixtures/make_lab_fixtures.py): MLP 2→64→64→2 with
BatchNorm before ReLU, two spirals of 2,000 points, batch 32 (full batches only), 20 epochs of SGD (lr 0.1,
momentum 0.9, weight decay 5e-4), reading each step's loss and batch accuracy as lib/lab reports them.
"""

import json
import os
import statistics
import sys
import time

import torch
import torch.nn as nn

torch.set_num_threads(1)
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "scripts", "fixtures"))
import make_lab_fixtures as lab  # noqa: E402

SEED = 1
EPOCHS = 20
BATCH = 32
MODEL = {**lab.MLP, "seed": SEED}
DATA = lab.SPIRALS
SGD = lab.SGD
BN_SHAPE = (32, 64, 56, 56)

inputs, labels = lab.make_dataset(DATA, SEED, DATA["trainSize"])
POINTS = torch.tensor(inputs, dtype=torch.float64)
LABELS = torch.tensor(labels)
BN_INPUT = torch.rand(*BN_SHAPE, generator=torch.Generator().manual_seed(42)) * 4 - 1
BN_LAYER = nn.BatchNorm2d(BN_SHAPE[1]).train()


def train(dtype):
    """Milliseconds for EPOCHS epochs; building the net (same init) is not timed, like lib/lab's side."""
    net = lab.build_network(MODEL, [2], 2).to(dtype)
    sgd = torch.optim.SGD(net.parameters(), lr=SGD["lr"], momentum=SGD["momentum"], weight_decay=SGD["weightDecay"])
    points = POINTS.to(dtype)
    draw = lab.stream_random(SEED, "shuffle")
    order = list(range(len(labels)))
    net.train()
    start = time.perf_counter()
    for _ in range(EPOCHS):
        lab.shuffle_in_place(order, draw)
        for step in range(len(order) // BATCH):
            index = order[step * BATCH:(step + 1) * BATCH]
            batch_labels = LABELS[index]
            logits = net(points[index])
            loss = nn.functional.cross_entropy(logits, batch_labels)
            sgd.zero_grad()
            loss.backward()
            sgd.step()
            loss.item()
            int((logits.argmax(1) == batch_labels).sum())
    return (time.perf_counter() - start) * 1000


def bn_forward():
    """Train-mode BatchNorm2d forward with running-statistics update, a fresh float32 output each call."""
    start = time.perf_counter()
    with torch.no_grad():
        BN_LAYER(BN_INPUT)
    return (time.perf_counter() - start) * 1000


WORKLOADS = {
    "lab-float32": lambda: train(torch.float32),
    "lab-float64": lambda: train(torch.float64),
    "bn-float32": bn_forward,
}


def serve():
    print(json.dumps({"ready": True, "torch": torch.__version__, "threads": torch.get_num_threads()}), flush=True)
    for line in sys.stdin:
        name = line.strip()
        if not name:
            continue
        print(json.dumps({"ms": WORKLOADS[name]()}), flush=True)


def main():
    if sys.argv[1:] == ["--serve"]:
        serve()
        return
    results = {}
    for name, run in WORKLOADS.items():
        runs = 3 if name.startswith("lab") else 11
        run()
        results[name] = round(statistics.median(run() for _ in range(runs)), 3)
        print(f"{name}: median {results[name]} ms")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
