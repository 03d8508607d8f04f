import { z } from "zod";
import { invalidRequest, jsonEndpoint } from "@/lib/http";
import { LANGUAGES } from "@/lib/i18n";
import { getAnkiDeck } from "@/lib/transfer";

const querySchema = z.strictObject({ lang: z.enum(LANGUAGES, { error: "lang must be en or zh" }) });

/** GET /api/export/anki?lang=en|zh: the active deck as a text file for Anki's File → Import. */
export const GET = jsonEndpoint({}, async ({ request }) => {
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw invalidRequest(query.error);
  const { lang } = query.data;
  return new Response(await getAnkiDeck(lang), {
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "content-disposition": `attachment; filename="bn-interview-prep-anki-${lang}.txt"`,
      "cache-control": "no-cache",
    },
  });
});
