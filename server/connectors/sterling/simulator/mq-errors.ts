// How the simulated mqweb refuses. The body is IBM's documented error shape, `{ "error": [{ type, msgId, message,
// explanation, action, completionCode, reasonCode }] }` (a real 2018 reply named the id `msgId`; older pages say
// `messageId`). IBM names the MQWB messages (MQWB0100E missing CSRF header, MQWB0104E failed authentication,
// MQWB0302E bad header value, MQWB0305E bad charset, MQWB0306E bad media type, MQWB0300E cannot open the queue,
// MQWB0009E unknown queue manager) but not every HTTP status: 403 for the CSRF header, 415 for the media type and
// 404 for an unknown queue are this simulator's choices. A message that is not text (not MQSTR) is "left on the
// queue" with "an appropriate status code" that IBM does not name; this simulator answers 500 with MQWB0303E
// ("An unforeseen error occurred while … receiving, or browsing the message"), the only message that fits.
/** mqweb's answer; `drop` closes the connection without one (a connection lost mid-call). */
export interface MqReply {
  status: number;
  headers: Record<string, string>;
  body: string;
  drop?: boolean;
}

export function mqError(status: number, msgId: string, reasonCode: number, message: string): MqReply {
  return {
    status,
    headers: { "content-type": "application/json;charset=utf-8" },
    body: JSON.stringify({
      error: [
        {
          type: "rest",
          msgId,
          message: `${msgId}: ${message}`,
          explanation: message,
          action: "Correct the request and try again.",
          completionCode: reasonCode === 0 ? 0 : 2,
          reasonCode,
        },
      ],
    }),
  };
}

/** What mqweb's application server answers for a path no resource serves. */
export function mqwebNotFound(): MqReply {
  return {
    status: 404,
    headers: { "content-type": "text/html" },
    body: "<html><body>Error 404: Not Found</body></html>",
  };
}

/** The refusal of a browse or get that meets a message that is not text; the message stays where it is. */
export function notText(doing: "browsing" | "receiving"): MqReply {
  return mqError(500, "MQWB0303E", 0, `An unforeseen error occurred while ${doing} the message.`);
}
