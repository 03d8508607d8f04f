import { NotFoundPanel } from "@/app/ui/not-found-panel";
import { getMessages } from "@/lib/i18n/server";

export default async function CardNotFound() {
  const { t } = await getMessages();
  return <NotFoundPanel title={t.errors.notFoundTitle} body={t.cards.notFound} href="/cards" linkLabel={t.cards.back} />;
}
