"use client";

import { useState } from "react";
import { format, type Messages } from "@/lib/i18n";
import { errorText, postJson } from "./api";
import { secondaryButton } from "./styles";

type Labels = Messages["account"];
export type DeviceRow = { id: string; browser: string; firstSeen: string; lastSeen: string; current: boolean };

/** The account's signed-in devices; any other one can be signed out, or all of them at once. */
export function DeviceList({ devices, labels, onChanged }: { devices: DeviceRow[]; labels: Labels; onChanged: () => void }) {
  const [status, setStatus] = useState<{ text: string; failed: boolean } | null>(null);
  const [pending, setPending] = useState(false);
  async function revoke(body: { device: string } | { others: true }) {
    setPending(true);
    const result = await postJson<{ revoked: number }>("/api/account/devices/revoke", body);
    setPending(false);
    setStatus(result.ok ? { text: format(labels.revoked, { count: result.data.revoked }), failed: false } : { text: errorText(labels, result), failed: true });
    if (result.ok) onChanged();
  }
  const others = devices.filter((device) => !device.current);
  return (
    <div className="space-y-3">
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className="text-zinc-600 dark:text-zinc-400">
            <tr>
              <th scope="col" className="py-2 pr-4 font-medium">
                {labels.deviceBrowser}
              </th>
              <th scope="col" className="py-2 pr-4 font-medium">
                {labels.deviceFirstSeen}
              </th>
              <th scope="col" className="py-2 pr-4 font-medium">
                {labels.deviceLastSeen}
              </th>
              <th scope="col" className="py-2">
                <span className="sr-only">{labels.revoke}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {devices.map((device) => (
              <tr key={device.id} data-testid="device" className="border-t border-zinc-200 dark:border-zinc-800">
                <th scope="row" className="py-2 pr-4 font-medium">
                  {device.browser}
                  {device.current && <span className="ml-2 rounded-sm bg-zinc-100 px-1.5 py-0.5 text-xs font-normal dark:bg-zinc-800">{labels.thisDevice}</span>}
                </th>
                <td className="py-2 pr-4 whitespace-nowrap">{device.firstSeen}</td>
                <td className="py-2 pr-4 whitespace-nowrap">{device.lastSeen}</td>
                <td className="py-2 text-right">
                  {!device.current && (
                    <button
                      type="button"
                      disabled={pending}
                      onClick={() => revoke({ device: device.id })}
                      aria-label={format(labels.revokeLabel, { device: device.browser, lastSeen: device.lastSeen })}
                      className={`${secondaryButton} px-3 py-1 text-sm`}
                    >
                      {labels.revoke}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {others.length > 0 ? (
        <button type="button" disabled={pending} onClick={() => revoke({ others: true })} className={secondaryButton}>
          {labels.revokeOthers}
        </button>
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{labels.noOtherDevices}</p>
      )}
      <p role="status" aria-live="polite" className={`text-sm ${status?.failed ? "text-red-700 dark:text-red-400" : ""}`}>
        {status?.text}
      </p>
    </div>
  );
}
