import type { Layer } from "./layers/types";
import type { Random } from "./random";

/**
 * PyTorch's default initialisation of Linear and Conv2d (torch/nn/modules/linear.py and conv.py v1.13
 * reset_parameters): kaiming_uniform_(a=√5) for the weight, which is U(−1/√fan_in, 1/√fan_in), and the
 * same bound for the bias; fan_in = in_features, or in_channels·3·3 for a 3×3 conv. Values come from our
 * seeded stream (each (2u − 1)·bound, the weight row-major then the bias, layer by layer), not from
 * torch's generator: the fixtures hand these very weights to PyTorch. Norm layers start at γ = 1, β = 0.
 */
export function initializeWeights(layers: Layer[], random: Random): void {
  for (const layer of layers) {
    if (layer.kind !== "linear" && layer.kind !== "conv2d") continue;
    const [weight, bias] = layer.params;
    const fanIn = weight!.shape.slice(1).reduce((a, b) => a * b, 1);
    const bound = 1 / Math.sqrt(fanIn);
    for (const tensor of [weight!.value, bias!.value]) {
      for (let i = 0; i < tensor.length; i++) tensor[i] = (2 * random() - 1) * bound;
    }
  }
}
