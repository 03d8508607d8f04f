import { accountOverview } from "@/lib/account";
import { format } from "@/lib/i18n";
import { getMessages } from "@/lib/i18n/server";
import { requestLearner } from "@/lib/learner";
import { AccountScreen, type AccountView } from "./account-screen";

/** Keep my progress, sign-in and the account's devices: the body of /account, and a section of /settings. */
export async function AccountSection({ code = "" }: { code?: string }) {
  const [{ lang, t }, learner] = await Promise.all([getMessages(), requestLearner()]);
  const overview = await accountOverview(learner);
  const locale = lang === "zh" ? "zh-CN" : "en";
  const when = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: learner?.timeZone ?? undefined });
  const view: AccountView = overview.signedIn
    ? {
        signedIn: true,
        passkeys: format(t.account.passkeyCount, { count: overview.passkeys }),
        recoveryCodesLeft: format(t.account.recoveryLeft, { count: overview.recoveryCodesLeft }),
        devices: overview.devices.map((device) => ({ ...device, firstSeen: when.format(device.firstSeen), lastSeen: when.format(device.lastSeen) })),
      }
    : { signedIn: false };
  return <AccountScreen view={view} initialCode={code.slice(0, 24)} labels={t.account} locale={locale} />;
}
