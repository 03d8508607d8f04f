import { NotFoundPanel } from "@/app/ui/not-found-panel";
import { getMessages } from "@/lib/i18n/server";

export default async function NotFound() {
  const { t } = await getMessages();
  return <NotFoundPanel title={t.errors.notFoundTitle} body={t.errors.notFoundBody} href="/" linkLabel={t.nav.home} />;
}
