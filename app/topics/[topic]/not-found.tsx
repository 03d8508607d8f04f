import Link from "next/link";
import { getMessages } from "@/lib/i18n";

export default async function TopicNotFound() {
  const { t } = await getMessages();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t.errors.notFoundTitle}</h1>
      <Link href="/topics" className="font-medium text-accent-700 underline dark:text-accent-300">
        {t.topicGuide.all}
      </Link>
    </div>
  );
}
