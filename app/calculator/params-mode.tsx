"use client";

import { useMemo } from "react";
import { computeParams } from "@/lib/calculator/params";
import { KERAS_LAYERS, layerFlagDefaults, PYTORCH_LAYERS, type ParamsForm } from "@/lib/calculator/url-state";
import type { Framework, NormLayerName, ParamCount } from "@/lib/bn";
import { format, type CalculatorMessages } from "@/lib/i18n";
import { Choice, errorText, Flags, SelectField, TextField } from "./fields";
import { leftCellClass, leftHeadClass } from "./tensor-results";

type Messages = CalculatorMessages;

function explanation(count: ParamCount, messages: Messages): string {
  const { explain } = messages;
  const parameters = count.tensors.filter((tensor) => tensor.kind === "parameter");
  const size = (shape: number[]) => shape.reduce((product, dim) => product * dim, 1);
  if (count.framework === "keras") {
    const list = parameters.map((tensor) => `${tensor.name === "beta" ? "β" : "γ"} ${size(tensor.shape)}`).join(" + ") || "—";
    const values = { trainable: count.trainable, nonTrainable: count.nonTrainable, total: count.reportedTotal, list };
    return format(count.nonTrainable > 0 ? explain.keras : explain.kerasNoMoving, values);
  }
  if (count.layer === "LocalResponseNorm") return explain.lrn;
  if (count.layer === "Conv2d" || count.layer === "Linear") {
    const [weight, bias] = parameters;
    return format(explain.weightAndBias, { weight: size(weight!.shape), bias: bias ? size(bias.shape) : 0, trainable: count.trainable });
  }
  if (count.layer === "RMSNorm") return parameters.length > 0 ? format(explain.rmsNorm, { trainable: count.trainable }) : explain.pytorchNone;
  const sentences: string[] = [];
  if (parameters.length > 0) {
    const per = size(parameters[0]!.shape);
    sentences.push(
      format(explain.pytorchAffine, {
        factor: parameters.length,
        per,
        trainable: count.trainable,
        unit: count.layer === "LayerNorm" ? messages.units.element : messages.units.channel,
      }),
    );
  } else {
    sentences.push(explain.pytorchNone);
  }
  if (count.buffers > 0) sentences.push(explain.pytorchBuffers);
  return sentences.join(" ");
}

export function ParamsMode({ form, onChange, messages }: { form: ParamsForm; onChange: (form: ParamsForm) => void; messages: Messages }) {
  const outcome = useMemo(() => computeParams(form), [form]);
  const set = <K extends keyof ParamsForm>(key: K, value: ParamsForm[K]) => onChange({ ...form, [key]: value });
  const error = (field: string) => {
    const found = outcome.ok ? undefined : outcome.errors.find((candidate) => candidate.field === field);
    return found ? errorText(found, messages) : undefined;
  };
  const setLayer = (layer: NormLayerName) => onChange({ ...form, layer, ...layerFlagDefaults(layer) });
  const setFramework = (framework: Framework) => {
    const layer = framework === "keras" ? "BatchNormalization" : "BatchNorm2d";
    onChange({ ...form, framework, layer, ...layerFlagDefaults(layer) });
  };
  const layers = form.framework === "keras" ? KERAS_LAYERS : PYTORCH_LAYERS;
  const { layer } = form;
  const hasRunningFlag = layer.startsWith("BatchNorm") || layer.startsWith("InstanceNorm");
  const weighted = layer === "Conv2d" || layer === "Linear";

  return (
    <div className="space-y-6">
      <form className="space-y-5" onSubmit={(event) => event.preventDefault()} aria-label={messages.calcs.params}>
        <div className="grid gap-4 sm:grid-cols-3">
          <Choice
            name="params-framework"
            legend={messages.framework}
            value={form.framework}
            options={(["pytorch", "keras"] as const).map((value) => ({ value, label: messages.frameworks[value] }))}
            onChange={setFramework}
          />
          <SelectField<NormLayerName> id="layer" label={messages.layer} value={layer} options={layers.map((value) => ({ value, label: value }))} onChange={setLayer} />
          {layer === "LayerNorm" || layer === "RMSNorm" ? (
            <TextField id="normalizedShape" label={messages.normalizedShape} value={form.normalizedShape} onChange={(value) => set("normalizedShape", value)} error={error("normalizedShape")} />
          ) : weighted ? (
            <>
              <TextField
                id="inFeatures"
                label={layer === "Conv2d" ? messages.inChannels : messages.inFeatures}
                value={form.inFeatures}
                onChange={(value) => set("inFeatures", value)}
                inputMode="numeric"
                error={error("inFeatures")}
              />
              <TextField
                id="features"
                label={layer === "Conv2d" ? messages.outChannels : messages.outFeatures}
                value={form.features}
                onChange={(value) => set("features", value)}
                inputMode="numeric"
                error={error("features")}
              />
              {layer === "Conv2d" ? (
                <TextField id="kernelSize" label={messages.kernelSize} value={form.kernelSize} onChange={(value) => set("kernelSize", value)} error={error("kernelSize")} />
              ) : null}
            </>
          ) : layer === "LocalResponseNorm" ? (
            <TextField id="size" label={messages.size} value={form.size} onChange={(value) => set("size", value)} inputMode="numeric" error={error("size")} />
          ) : (
            <TextField
              id="features"
              label={form.framework === "keras" ? messages.kerasFeatures : layer === "GroupNorm" ? messages.numChannels : messages.features}
              value={form.features}
              onChange={(value) => set("features", value)}
              inputMode="numeric"
              error={error("features")}
            />
          )}
          {layer === "GroupNorm" || layer === "GroupNormalization" ? (
            <TextField id="groups" label={messages.groups} value={form.groups} onChange={(value) => set("groups", value)} inputMode="numeric" error={error("groups")} />
          ) : null}
        </div>
        {layer === "LocalResponseNorm" || layer === "RMSNormalization" ? null : (
          <Flags
            legend={messages.flags}
            flags={
              weighted
                ? [{ id: "params-bias", label: messages.biasFlag, checked: form.bias, onChange: (checked: boolean) => set("bias", checked) }]
                : form.framework === "keras"
                ? [
                    { id: "params-center", label: messages.center, checked: form.center, onChange: (checked) => set("center", checked) },
                    { id: "params-scale", label: messages.scale, checked: form.scale, onChange: (checked) => set("scale", checked) },
                  ]
                : [
                    {
                      id: "params-affine",
                      label: layer === "LayerNorm" || layer === "RMSNorm" ? messages.elementwiseAffine : messages.affine,
                      checked: form.affine,
                      onChange: (checked) => set("affine", checked),
                    },
                    ...(hasRunningFlag
                      ? [{ id: "params-track", label: messages.trackRunningStats, checked: form.trackRunningStats, onChange: (checked: boolean) => set("trackRunningStats", checked) }]
                      : []),
                  ]
            }
          />
        )}
      </form>

      <section aria-labelledby="params-results-title" aria-live="polite" className="space-y-4">
        <h2 id="params-results-title" className="text-xl font-semibold">
          {messages.results}
        </h2>
        {outcome.ok ? <ParamsResult count={outcome.count} messages={messages} /> : <p className="text-zinc-600 dark:text-zinc-400">{messages.fixErrors}</p>}
      </section>
    </div>
  );
}

function ParamsResult({ count, messages }: { count: ParamCount; messages: Messages }) {
  const facts = [
    { label: messages.counts.trainable, value: count.trainable, testId: "count-trainable" },
    ...(count.framework === "keras"
      ? [{ label: messages.counts.nonTrainable, value: count.nonTrainable, testId: "count-non-trainable" }]
      : [{ label: messages.counts.buffers, value: count.buffers, testId: "count-buffers" }]),
    {
      label: `${messages.counts.reported}: ${count.framework === "keras" ? messages.counts.reportedKeras : messages.counts.reportedPytorch}`,
      value: count.reportedTotal,
      testId: "count-reported",
    },
  ];
  return (
    <div className="space-y-4">
      <dl className="grid gap-3 sm:grid-cols-3">
        {facts.map((fact) => (
          <div key={fact.testId} className="rounded-lg bg-zinc-50 p-3 dark:bg-zinc-900">
            <dt className="text-xs break-words text-zinc-600 dark:text-zinc-400">{fact.label}</dt>
            <dd className="font-mono text-2xl font-semibold tabular-nums" data-testid={fact.testId}>
              {fact.value.toLocaleString("en")}
            </dd>
          </div>
        ))}
      </dl>
      <p data-testid="count-explanation">{explanation(count, messages)}</p>
      {count.tensors.length > 0 ? (
        <table className="w-full border-collapse text-sm">
          <thead>
            <tr>
              <th scope="col" className={leftHeadClass}>{messages.tensorTable.name}</th>
              <th scope="col" className={leftHeadClass}>{messages.tensorTable.shape}</th>
              <th scope="col" className={leftHeadClass}>{messages.tensorTable.kind}</th>
            </tr>
          </thead>
          <tbody>
            {count.tensors.map((tensor) => (
              <tr key={tensor.name}>
                <th scope="row" className={`${leftCellClass} font-normal`}>{tensor.name}</th>
                <td className={leftCellClass}>({tensor.shape.join(", ")}{tensor.shape.length === 1 ? "," : ""})</td>
                <td className={`${leftCellClass} font-sans`}>{messages.tensorTable.kinds[tensor.kind]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
