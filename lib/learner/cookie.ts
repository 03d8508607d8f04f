export { LEARNER_COOKIE, learnerCookie, newLearnerToken, readLearnerToken } from "./identity";
export { learnerCookieKey } from "./secret";
export { sessionStatus } from "./session";
