import { NextResponse, type NextRequest } from "next/server";
import { prisma } from "@/lib/db";
import { contentSecurityPolicy } from "@/lib/http/security";
import { LEARNER_COOKIE, learnerCookie, learnerCookieKey, newLearnerToken, readLearnerToken, sessionStatus } from "@/lib/learner/cookie";

/**
 * Every page gets a fresh script nonce in its Content-Security-Policy: Next reads it from the request's policy
 * header and puts it on its own scripts, so only they run.
 *
 * Each browser also gets an unguessable learner token, signed by this installation, on its first page view, and
 * a new one when its session has ended (signed out, revoked, or unused for 90 days): it then starts again as a
 * new anonymous learner. Only a cookie is set: the learner is stored at their first write. The JSON API never
 * mints one: a script must present the cookie a browser was given.
 */
export async function proxy(request: NextRequest) {
  const key = await learnerCookieKey();
  const current = readLearnerToken(request.cookies.get(LEARNER_COOKIE)?.value, key);
  const token = current && (await stillValid(current)) ? null : newLearnerToken(key);
  // Set on the request too, so the page rendered for this very request already sees its learner.
  if (token) request.cookies.set(LEARNER_COOKIE, token);

  const policy = contentSecurityPolicy(btoa(crypto.randomUUID()), process.env.NODE_ENV === "development");
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);

  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  if (token) response.cookies.set(learnerCookie(token, request.nextUrl.protocol === "https:"));
  return response;
}

async function stillValid({ session, issued }: { session: string; issued: boolean }): Promise<boolean> {
  const status = await sessionStatus(session);
  if (status.state === "ended") return false;
  if (status.state === "replaced") return true;
  // A token from before tokens were signed stays valid while its learner exists.
  return issued || status.state === "active" || (await prisma.learner.count({ where: { id: session } })) > 0;
}

export const config = {
  matcher: ["/((?!api/|_next/|favicon.ico|icon.svg|robots.txt).*)"],
};
