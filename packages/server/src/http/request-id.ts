// x-request-id: every response carries one, and every log line written while handling the request
// names it. A caller's own id is kept when it is a plain token (so a proxy's id joins the logs);
// anything else is replaced by a new one, never echoed.
import type { Plugin } from "graphql-yoga";
import { randomBase62 } from "../ids.js";
import { withLogFields } from "../logger.js";

export const REQUEST_ID_HEADER = "x-request-id";
const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function useRequestId(): Plugin {
  const ids = new WeakMap<Request, string>();
  return {
    instrumentation: {
      request({ request }, handle) {
        const incoming = request.headers.get(REQUEST_ID_HEADER);
        const requestId = incoming && SANE_ID.test(incoming) ? incoming : `req_${randomBase62(20)}`;
        ids.set(request, requestId);
        return withLogFields({ requestId }, handle);
      },
    },
    onResponse({ request, response }) {
      const requestId = ids.get(request);
      if (requestId) response.headers.set(REQUEST_ID_HEADER, requestId);
    },
  };
}
