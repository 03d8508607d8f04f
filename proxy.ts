import { NextResponse, type NextRequest } from "next/server";
import { knownLearner, LEARNER_COOKIE, learnerCookie, learnerCookieKey, newLearnerToken, readLearnerToken } from "@/lib/learner/cookie";

/**
 * Gives each browser an unguessable learner token, signed by this installation, on its first page view. Only
 * a cookie is set: the learner is stored at their first write. The JSON API never mints one: a script must
 * present the cookie a browser was given.
 */
export async function proxy(request: NextRequest) {
  const key = await learnerCookieKey();
  const learner = readLearnerToken(request.cookies.get(LEARNER_COOKIE)?.value, key);
  // A token from before tokens were signed stays valid while its learner exists.
  if (learner && (learner.issued || (await knownLearner(learner.id)))) return NextResponse.next();
  const token = newLearnerToken(key);
  // Set on the request too, so the page rendered for this very request already sees its learner.
  request.cookies.set(LEARNER_COOKIE, token);
  const response = NextResponse.next({ request: { headers: request.headers } });
  response.cookies.set(learnerCookie(token, request.nextUrl.protocol === "https:"));
  return response;
}

export const config = {
  matcher: ["/((?!api/|_next/|favicon.ico|icon.svg|robots.txt).*)"],
};
