// Sterling's integration server as the simulator plays it for the "(async)" actions: one asynchronous service per
// queue (an IBM MQ receiver, then an API node), which takes each message off its queue, reads the XML as the API's
// input document and calls the API. A document the API refuses goes to the service's error queue, as a service with
// an error queue configured keeps it. The calls go through the simulator's own REST API, logged in as `user`, so the
// documents meet exactly the checks a REST call would.
import { z } from "zod";
import { fromSterlingXml } from "../xml";
import type { SimulatorUser } from "./index";
import type { MqBroker } from "./mq";

export interface AsyncService {
  queueManager: string;
  queue: string;
  /** The API the service's API node calls, e.g. createOrder. */
  api: string;
  errorQueue?: string;
}

export interface ServiceOutcome {
  api: string;
  messageId: string;
  status: number;
  reply: unknown;
}

/** Processes every message waiting on the services' queues once; returns what each call answered. */
export async function runAsyncServices(
  simulator: { url: string; mq?: MqBroker },
  user: SimulatorUser,
  services: AsyncService[],
): Promise<ServiceOutcome[]> {
  const broker = simulator.mq;
  if (!broker) throw new Error("the simulator has no IBM MQ");
  const base = `${simulator.url}/smcfs/restapi/invoke`;
  const login = await fetch(`${base}/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ LoginID: user.loginId, Password: user.password }),
  });
  const session = z.object({ UserToken: z.string() }).parse(await login.json());
  const cookie = login.headers
    .getSetCookie()
    .map((value) => value.split(";")[0])
    .join("; ");
  const outcomes: ServiceOutcome[] = [];
  for (const service of services) {
    const waiting = broker.messages(service.queueManager, service.queue);
    for (let message = waiting.shift(); message; message = waiting.shift()) {
      let body: string;
      try {
        body = JSON.stringify(fromSterlingXml(message.text).document);
      } catch (error) {
        outcomes.push({ api: service.api, messageId: message.messageId, status: 0, reply: String(error) });
        if (service.errorQueue) broker.put(service.queueManager, service.errorQueue, message.text);
        continue;
      }
      const query = new URLSearchParams({ _loginid: user.loginId, _token: session.UserToken });
      const response = await fetch(`${base}/${service.api}?${query.toString()}`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json", cookie },
        body,
      });
      const reply: unknown = await response.json().catch(() => undefined);
      outcomes.push({ api: service.api, messageId: message.messageId, status: response.status, reply });
      if (!response.ok && service.errorQueue) broker.put(service.queueManager, service.errorQueue, message.text);
    }
  }
  return outcomes;
}
