"use client";

import { useEffect, useRef, useState } from "react";
import type { Messages } from "@/lib/i18n";
import { primaryButton, secondaryButton } from "./styles";

type Labels = Messages["account"];

/** The ten recovery codes, shown once right after the first passkey: copy, download, then put away. */
export function RecoveryCodes({ codes, labels, onDone }: { codes: string[]; labels: Labels; onDone: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => heading.current?.focus(), []);
  const download = `data:text/plain;charset=utf-8,${encodeURIComponent(`${labels.codesTitle}\n\n${codes.join("\n")}\n`)}`;
  async function copy() {
    await navigator.clipboard.writeText(codes.join("\n")).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  }
  return (
    <section aria-labelledby="recovery-codes" className="space-y-3 rounded-lg border-2 border-accent-600 p-4">
      <h2 id="recovery-codes" ref={heading} tabIndex={-1} className="text-lg font-semibold focus:outline-none">
        {labels.codesTitle}
      </h2>
      <p>{labels.codesLead}</p>
      <ol data-testid="recovery-codes" className="grid grid-cols-2 gap-x-6 gap-y-1 font-mono text-lg sm:grid-cols-3">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <div className="flex flex-wrap items-center gap-3">
        <button type="button" onClick={copy} className={secondaryButton}>
          {labels.codesCopy}
        </button>
        <a href={download} download={labels.codesFileName} className={secondaryButton}>
          {labels.codesDownload}
        </a>
        <button type="button" onClick={onDone} className={primaryButton}>
          {labels.codesDone}
        </button>
        <span role="status" aria-live="polite" className="text-sm">
          {copied ? labels.codesCopied : ""}
        </span>
      </div>
    </section>
  );
}
