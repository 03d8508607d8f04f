"use client";

import qrcode from "qrcode-generator";
import { useState } from "react";
import { format, type Messages } from "@/lib/i18n";
import { errorText, postJson } from "./api";
import { primaryButton, secondaryButton } from "./styles";

type Labels = Messages["account"];
type Link = { code: string; url: string; expiresAt: string; qr: string };

/** The link's QR code as an image: the picture is all a phone's camera needs, and img-src allows data URLs. */
function qrImage(url: string): string {
  const code = qrcode(0, "M");
  code.addData(url);
  code.make();
  return code.createDataURL(6, 4);
}

/** Shows a one-time code, and its link as a QR code, that signs another device in for ten minutes. */
export function DeviceLink({ labels, locale }: { labels: Labels; locale: string }) {
  const [link, setLink] = useState<Link | null>(null);
  const [error, setError] = useState("");
  const [pending, setPending] = useState(false);
  async function show() {
    setPending(true);
    const result = await postJson<Omit<Link, "qr">>("/api/account/links");
    setPending(false);
    if (!result.ok) return setError(errorText(labels, result));
    setError("");
    setLink({ ...result.data, qr: qrImage(result.data.url) });
  }
  const until = link ? new Intl.DateTimeFormat(locale, { timeStyle: "short" }).format(new Date(link.expiresAt)) : "";
  return (
    <div className="space-y-3">
      <button type="button" onClick={show} disabled={pending} className={link ? secondaryButton : primaryButton}>
        {pending ? labels.working : link ? labels.linkNewButton : labels.linkButton}
      </button>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      {link && (
        <div className="flex flex-wrap items-center gap-6 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
          <div className="space-y-1">
            <p className="text-sm text-zinc-600 dark:text-zinc-400">{labels.linkCode}</p>
            <p data-testid="link-code" className="font-mono text-3xl font-semibold tracking-widest" aria-live="polite">
              {link.code}
            </p>
            <p className="text-sm">{format(labels.linkExpires, { time: until })}</p>
          </div>
          {/* A QR code is dark on light to be read by a camera, in either theme. A data URL made here: nothing
              for next/image to optimize. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src={link.qr} alt={labels.linkQr} width={180} height={180} className="rounded-md bg-white [image-rendering:pixelated]" />
        </div>
      )}
    </div>
  );
}
