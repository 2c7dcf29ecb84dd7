// Sterling's integration server as the simulator plays it for the "(async)" actions: one asynchronous service per
// queue (an IBM MQ receiver, then an API node), which takes each message off its queue, reads the XML as the API's
// input document and calls the API. A document the API refuses goes to the service's error queue, as a service with
// an error queue configured keeps it. The calls go through the simulator's own REST API, logged in as `user`, so the
// documents meet exactly the checks a REST call would.
import { z } from "zod";
import { fromSterlingXml } from "../xml";
import type { SimulatorUser } from "./index";
import type { MqBroker } from "./mq";

/**
 * The asynchronous services the built-in simulator's integration server runs: one queue per API, as a Sterling
 * installation configures one service per API it accepts over MQ. `root` is the input document's root element and
 * `actions` the Conflux steps whose messages the service reads.
 */
export const SIMULATOR_SERVICES = [
  { api: "createOrder", queue: "SMCFS.CREATE.ORDER", root: "Order", actions: "Create order (async)" },
  { api: "changeOrder", queue: "SMCFS.CHANGE.ORDER", root: "Order", actions: "Update order (async)" },
  { api: "deleteOrder", queue: "SMCFS.DELETE.ORDER", root: "Order", actions: "Delete order (async)" },
  {
    api: "manageItem",
    queue: "SMCFS.MANAGE.ITEM",
    root: "ItemList",
    actions: "Create or update / Delete catalog item (async)",
  },
  {
    api: "manageCustomer",
    queue: "SMCFS.MANAGE.CUSTOMER",
    root: "Customer",
    actions: "Create or update / Delete customer (async)",
  },
  {
    api: "manageOrganizationHierarchy",
    queue: "SMCFS.MANAGE.ORGANIZATION",
    root: "Organization",
    actions: "Create or update / Delete organization (async)",
  },
  { api: "createShipment", queue: "SMCFS.CREATE.SHIPMENT", root: "Shipment", actions: "Create shipment (async)" },
  {
    api: "changeShipment",
    queue: "SMCFS.CHANGE.SHIPMENT",
    root: "Shipment",
    actions: "Update / Delete shipment (async)",
  },
] as const;

/** Where a service leaves a document its API refused, as a service with an error queue configured does. */
export const errorQueueOf = (queue: string) => `${queue}.ERROR`;

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
