import {
  browserSupportsWebAuthn,
  startAuthentication,
  startRegistration,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/browser";
import type { ImportReport } from "@/lib/transfer/progress";
import { postJson, type ApiResult } from "./api";

/** A passkey ceremony: options from the server, the browser's prompt, the answer verified by the server. */
async function ceremony<Options, Answer, Result>(
  route: string,
  prompt: (options: Options) => Promise<Answer>,
): Promise<ApiResult<Result>> {
  if (!browserSupportsWebAuthn()) return { ok: false, code: "unsupported", message: "" };
  const options = await postJson<Options>(`${route}/options`);
  if (!options.ok) return options;
  let answer: Answer;
  try {
    answer = await prompt(options.data);
  } catch (error) {
    // The learner closed the prompt, or no authenticator answered: nothing was sent, nothing changed.
    return { ok: false, code: error instanceof Error && error.name === "NotAllowedError" ? "cancelled" : "unsupported", message: "" };
  }
  return postJson<Result>(route, answer);
}

export const createPasskey = () =>
  ceremony<PublicKeyCredentialCreationOptionsJSON, unknown, { recoveryCodes: string[] | null }>("/api/account/passkeys/register", (optionsJSON) =>
    startRegistration({ optionsJSON }),
  );

export const signInWithPasskey = () =>
  ceremony<PublicKeyCredentialRequestOptionsJSON, unknown, { merged: ImportReport | null }>("/api/account/passkeys/sign-in", (optionsJSON) =>
    startAuthentication({ optionsJSON }),
  );
