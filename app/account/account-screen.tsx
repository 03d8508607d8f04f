"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { Messages } from "@/lib/i18n";
import type { ImportReport } from "@/lib/transfer/progress";
import { errorText, postJson, signedInText, type ApiResult } from "./api";
import { CodeForm } from "./code-form";
import { DeviceLink } from "./device-link";
import { DeviceList, type DeviceRow } from "./device-list";
import { createPasskey, signInWithPasskey } from "./passkeys";
import { RecoveryCodes } from "./recovery-codes";
import { primaryButton, secondaryButton, section } from "./styles";

type Labels = Messages["account"];
export type AccountView =
  | { signedIn: false }
  | { signedIn: true; passkeys: string; recoveryCodesLeft: string; devices: DeviceRow[] };
type Notice = { text: string; failed: boolean } | null;

export function AccountScreen({ view, initialCode, labels, locale }: { view: AccountView; initialCode: string; labels: Labels; locale: string }) {
  const router = useRouter();
  const [notice, setNotice] = useState<Notice>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [pending, setPending] = useState(false);

  async function run<T>(action: () => Promise<ApiResult<T>>, done: (data: T) => string) {
    setPending(true);
    const result = await action();
    setPending(false);
    setNotice(result.ok ? { text: done(result.data), failed: false } : { text: errorText(labels, result), failed: true });
    if (result.ok) reload();
  }
  // The page's own data (signed in or not, the devices) is the server's: read it again, without a used code.
  function reload() {
    if (window.location.search) window.history.replaceState(null, "", window.location.pathname);
    router.refresh();
  }
  const signedIn = (merged: ImportReport | null) => {
    setNotice({ text: signedInText(labels, merged), failed: false });
    reload();
  };
  const register = () =>
    run(createPasskey, ({ recoveryCodes }) => {
      setCodes(recoveryCodes);
      return labels.registered;
    });
  const passkeyButton = (label: string, className = primaryButton) => (
    <button type="button" onClick={register} disabled={pending} className={className}>
      {pending ? labels.working : label}
    </button>
  );

  return (
    <div className="space-y-6">
      {codes && <RecoveryCodes codes={codes} labels={labels} onDone={() => setCodes(null)} />}
      <p role="status" aria-live="polite" data-testid="account-notice" className={notice?.failed ? "text-red-700 dark:text-red-400" : "text-green-800 dark:text-green-300"}>
        {notice?.text}
      </p>
      {view.signedIn ? (
        <>
          <p>
            {labels.signedInLead} <span className="text-zinc-600 dark:text-zinc-400">({view.passkeys}, {view.recoveryCodesLeft})</span>
          </p>
          <section aria-labelledby="link-device" className={section}>
            <h2 id="link-device" className="text-lg font-semibold">
              {labels.linkTitle}
            </h2>
            <p>{labels.linkLead}</p>
            <DeviceLink labels={labels} locale={locale} />
          </section>
          <section aria-labelledby="devices" className={section}>
            <h2 id="devices" className="text-lg font-semibold">
              {labels.devicesTitle}
            </h2>
            <DeviceList devices={view.devices} labels={labels} onChanged={() => router.refresh()} />
          </section>
          <section aria-labelledby="add-passkey" className={section}>
            <h2 id="add-passkey" className="text-lg font-semibold">
              {labels.addPasskeyTitle}
            </h2>
            <p>{labels.addPasskeyLead}</p>
            {passkeyButton(labels.addPasskeyButton, secondaryButton)}
          </section>
          <section aria-labelledby="sign-out" className={section}>
            <h2 id="sign-out" className="text-lg font-semibold">
              {labels.signOutTitle}
            </h2>
            <p>{labels.signOutLead}</p>
            <button
              type="button"
              disabled={pending}
              onClick={() => run(() => postJson("/api/account/sign-out"), () => labels.signedOut)}
              className={secondaryButton}
            >
              {labels.signOutButton}
            </button>
          </section>
        </>
      ) : (
        <>
          <section aria-labelledby="keep" className="space-y-3">
            <h2 id="keep" className="text-lg font-semibold">
              {labels.keepTitle}
            </h2>
            <p>{labels.anonymousLead}</p>
            {passkeyButton(labels.keepButton)}
          </section>
          <section aria-labelledby="sign-in" className={section}>
            <h2 id="sign-in" className="text-lg font-semibold">
              {labels.signInTitle}
            </h2>
            <p>{labels.signInLead}</p>
            <button
              type="button"
              disabled={pending}
              onClick={() => run(signInWithPasskey, ({ merged }) => signedInText(labels, merged))}
              className={secondaryButton}
            >
              {labels.signInButton}
            </button>
            <CodeForm
              id="link-code"
              route="/api/account/links/redeem"
              label={labels.linkCodeLabel}
              help={labels.linkCodeHelp}
              button={labels.linkCodeButton}
              placeholder="K7M4 QX9P"
              initialCode={initialCode}
              labels={labels}
              onSignedIn={signedIn}
            />
            <details className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
              <summary className="cursor-pointer font-medium">{labels.recoveryTitle}</summary>
              <div className="pt-3">
                <CodeForm
                  id="recovery-code"
                  route="/api/account/recover"
                  label={labels.recoveryCodeLabel}
                  help={labels.recoveryCodeHelp}
                  button={labels.recoveryCodeButton}
                  placeholder="ABCDE-FGHJK"
                  labels={labels}
                  onSignedIn={signedIn}
                />
              </div>
            </details>
          </section>
        </>
      )}
    </div>
  );
}
