import { NotFoundPanel } from "@/app/ui/not-found-panel";
import { getMessages } from "@/lib/i18n/server";

export default async function TopicNotFound() {
  const { t } = await getMessages();
  return <NotFoundPanel title={t.errors.notFoundTitle} href="/topics" linkLabel={t.topicGuide.all} />;
}
