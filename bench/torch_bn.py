"""Optional: PyTorch's CPU BatchNorm2d (float32) train forward on the bench/bn-forward.ts input shape.

Run with Debian's interpreter (python3-torch 1.13):  /usr/bin/python3 bench/torch_bn.py
Prints the median in ms and one JSON line, for comparison with `npm run bench`.
"""

import json
import statistics
import time

import torch

SHAPE = (32, 64, 56, 56)
WARM_UP, RUNS = 3, 11


def median_ms(bn, x):
    with torch.no_grad():
        for _ in range(WARM_UP):
            bn(x)
        samples = []
        for _ in range(RUNS):
            start = time.perf_counter()
            bn(x)
            samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main():
    torch.manual_seed(42)
    results = {"shape": list(SHAPE), "threads": torch.get_num_threads(), "torch": torch.__version__}
    for dtype, key in ((torch.float32, "float32Ms"), (torch.float64, "float64Ms")):
        x = torch.rand(*SHAPE, dtype=dtype) * 4 - 1
        bn = torch.nn.BatchNorm2d(SHAPE[1], dtype=dtype).train()
        results[key] = round(median_ms(bn, x), 3)
    torch.set_num_threads(1)
    x = torch.rand(*SHAPE, dtype=torch.float32) * 4 - 1
    results["float32OneThreadMs"] = round(median_ms(torch.nn.BatchNorm2d(SHAPE[1]).train(), x), 3)
    print(f"BatchNorm2d train forward {list(SHAPE)}: float32 {results['float32Ms']} ms "
          f"({results['threads']} threads), float64 {results['float64Ms']} ms, "
          f"float32 one thread {results['float32OneThreadMs']} ms")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
