import { getMessages, titled } from "@/lib/i18n/server";
import { AccountSection } from "./account-section";

export const generateMetadata = titled((t) => t.account.title);

/** /account, and /account?code=… from a device link's QR code: the code is filled in, never submitted unasked. */
export default async function AccountPage({ searchParams }: { searchParams: Promise<{ code?: string | string[] }> }) {
  const [{ t }, { code }] = await Promise.all([getMessages(), searchParams]);
  return (
    <div className="max-w-2xl space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">{t.account.title}</h1>
      <AccountSection code={typeof code === "string" ? code : ""} />
    </div>
  );
}
