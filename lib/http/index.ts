export { learnerAction, type ActionResult } from "./action";
export { jsonEndpoint, learnerEndpoint } from "./endpoint";
export { apiError, errorResponse, invalidRequest, MAX_BODY_BYTES, nextTurn, parseJsonText, readBodyText, readJson, requireJsonType, type ApiErrorBody } from "./json";
