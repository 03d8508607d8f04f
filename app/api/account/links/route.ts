import { createDeviceLink, groupCode } from "@/lib/account";
import { appOrigin, learnerEndpoint } from "@/lib/http";

/** POST /api/account/links: a one-time code (and the link a QR code carries) that signs another device in. */
export const POST = learnerEndpoint({ status: 201 }, async ({ learner, request }) => {
  const { code, expiresAt } = await createDeviceLink(learner);
  return { code: groupCode(code), url: `${appOrigin(request)}/account?code=${code}`, expiresAt };
});
