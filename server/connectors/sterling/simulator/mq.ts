// The part of IBM MQ's messaging REST API (mqweb, v2) the MQ mode uses: GET …/messagelist browses a queue's message
// summaries. Basic authentication against the configured users; an unknown queue manager or queue is a 404 with
// MQ's `{ error: [{ msgId, reasonCode, … }] }` body, as mqweb answers.
import type http from "node:http";

export interface MqOptions {
  users: Array<{ user: string; password: string }>;
  /** Queue manager name to its queues, each with the text of the messages waiting on it. */
  queueManagers: Record<string, Record<string, string[]>>;
}

const MESSAGELIST = /^\/ibmmq\/rest\/v2\/messaging\/qmgr\/([^/]+)\/queue\/([^/]+)\/messagelist$/;

function mqError(res: http.ServerResponse, status: number, msgId: string, reasonCode: number, message: string) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(
    JSON.stringify({
      error: [
        { msgId, type: "rest", completionCode: reasonCode === 0 ? 0 : 2, reasonCode, message: `${msgId}: ${message}` },
      ],
    }),
  );
}

function basicUser(header: string | undefined): { user: string; password: string } | undefined {
  const match = /^Basic (.+)$/.exec(header ?? "");
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? undefined : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export function handleMq(
  options: MqOptions | undefined,
  req: http.IncomingMessage,
  url: URL,
  res: http.ServerResponse,
): void {
  const route = MESSAGELIST.exec(url.pathname);
  if (!options || !route?.[1] || !route[2] || req.method !== "GET") {
    res.writeHead(404, { "content-type": "text/html" }).end("<html><body>Error 404: Not Found</body></html>");
    return;
  }
  const credentials = basicUser(req.headers.authorization);
  const known = options.users.some(
    (user) => user.user === credentials?.user && user.password === credentials?.password,
  );
  if (!known) return mqError(res, 401, "MQWB0104E", 0, "The user could not be authenticated.");
  const qmgrName = decodeURIComponent(route[1]);
  const queueName = decodeURIComponent(route[2]);
  const queues = options.queueManagers[qmgrName];
  if (!queues) return mqError(res, 404, "MQWB0009E", 2058, `Could not query the queue manager '${qmgrName}'.`);
  const messages = queues[queueName];
  if (!messages) {
    return mqError(res, 404, "MQWB0300E", 2085, `Cannot create messaging connection to ${queueName} on ${qmgrName}.`);
  }
  res.writeHead(200, { "content-type": "application/json" });
  res.end(
    JSON.stringify({
      messages: messages.map((_text, index) => ({ messageId: `414D5120${qmgrName}${index}`, format: "MQSTR" })),
    }),
  );
}
