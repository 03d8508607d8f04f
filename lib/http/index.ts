export { learnerAction, type ActionResult } from "./action";
export { appOrigin, jsonEndpoint, learnerEndpoint } from "./endpoint";
export { clientAddress, withLearnerCookie } from "./client";
export { apiError, errorResponse, invalidRequest, isLargeBody, MAX_BODY_BYTES, nextTurn, parseJsonBody, parseJsonText, readBodyText, readJson, requireJsonType, type ApiErrorBody } from "./json";
export { oneAtATime } from "./one-at-a-time";
