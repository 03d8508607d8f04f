export { groupCode, normalizeCode } from "./codes";
export { createDeviceLink, LINK_CODE_LENGTH, LINK_LIFETIME_MS, LINK_TRIES, redeemDeviceLink } from "./links";
export {
  authenticationResponseSchema,
  registerPasskey,
  registrationOptions,
  registrationResponseSchema,
  relyingParty,
  signInOptions,
  signInWithPasskey,
  type RelyingParty,
} from "./passkeys";
export { accountOverview, type AccountOverview } from "./overview";
export { recoveryCodesLeft, signInWithRecoveryCode } from "./recovery";
export { describeBrowser, listDevices, revokeDevices, signOut, type Device } from "./sessions";
export { hasPasskey, signInAs, type SignedIn } from "./sign-in";
