export { learnerAction, type ActionResult } from "./action";
export { appOrigin, jsonEndpoint, learnerEndpoint } from "./endpoint";
export { clientAddress, withLearnerCookie } from "./client";
export { apiError, errorResponse, invalidRequest, MAX_BODY_BYTES, nextTurn, parseJsonText, readBodyText, readJson, requireJsonType, type ApiErrorBody } from "./json";
