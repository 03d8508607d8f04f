import { z } from "zod";
import { apiError } from "@/lib/api";
import { ankiDeck, listDeckForAnki } from "@/lib/transfer";
import { LANGUAGES } from "@/lib/i18n";

const querySchema = z.strictObject({ lang: z.enum(LANGUAGES, { error: "lang must be en or zh" }) });

/** GET /api/export/anki?lang=en|zh: the active deck as a text file for Anki's File → Import. */
export async function GET(request: Request) {
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) {
    const issue = query.error.issues[0]!;
    return apiError(400, "invalid_request", issue.message, issue.path.map(String));
  }
  const { lang } = query.data;
  return new Response(ankiDeck(await listDeckForAnki(), lang), {
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "content-disposition": `attachment; filename="bn-interview-prep-anki-${lang}.txt"`,
      "cache-control": "no-store",
    },
  });
}
