import { NextResponse, type NextRequest } from "next/server";
import { LEARNER_COOKIE, learnerCookie, learnerIdFromToken, newLearnerToken } from "@/lib/learner/identity";

/**
 * Gives each browser an unguessable learner token on its first page view. The JSON API never mints one:
 * a script must present the cookie a browser was given.
 */
export function proxy(request: NextRequest) {
  if (learnerIdFromToken(request.cookies.get(LEARNER_COOKIE)?.value)) return NextResponse.next();
  const token = newLearnerToken();
  // Set on the request too, so the page rendered for this very request already sees its learner.
  request.cookies.set(LEARNER_COOKIE, token);
  const response = NextResponse.next({ request: { headers: request.headers } });
  response.cookies.set(learnerCookie(token, request.nextUrl.protocol === "https:"));
  return response;
}

export const config = {
  matcher: ["/((?!api/|_next/|favicon.ico|icon.svg|robots.txt).*)"],
};
