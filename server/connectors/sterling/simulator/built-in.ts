// The built-in Sterling simulator that newcomers connect to instead of a licensed Sterling: the same REST layer as
// the test simulator, mounted on the app's own port under /api/simulators/sterling (so nothing else needs opening),
// with the sample enterprise, nodes, items and orders, and IBM MQ's messaging REST API under the same mount
// (…/ibmmq/rest/v1|v2/messaging/qmgr/QM1/queue/<queue>/message), on whose event queues every change of an order is
// published as Sterling's event handlers would (event-publisher.ts). One per process, kept on globalThis because
// Next.js may load this module once per route bundle; its orders and messages live in memory and start over when
// Conflux restarts.
import type { AccountPreset } from "@/lib/account-fields";
import { getConfig, type Config } from "../../../boot/config";
import { MQ_MODE, REST_MODE } from "../auth";
import { eventQueueDefinitions, publishingAround } from "./event-publisher";
import { SAMPLE_MQ_USER, SAMPLE_USER, sampleData } from "./fixtures";
import { createSterlingBackend, type SterlingBackend } from "./index";
import { fromSterlingXml } from "../xml";
import { createMqBroker, type MqBroker } from "./mq";
import { SterlingFault } from "./state";
import { errorQueueOf, SIMULATOR_SERVICES } from "./integration-server";
import { SAMPLE_MQ_CERTIFICATE, SAMPLE_MQ_PRIVATE_KEY } from "./sample-mq-certificate";

export const BUILT_IN_MOUNT_PATH = "/api/simulators/sterling";

export function builtInSimulatorEnabled(): boolean {
  return getConfig().sterlingSimulator;
}

/** The built-in queue manager, and the queue the MQ account's (async) actions put on by default (createOrder's). */
export const BUILT_IN_QUEUE_MANAGER = "QM1";
export const BUILT_IN_ACTION_QUEUE = "SMCFS.CREATE.ORDER";

interface BuiltIn {
  backend: SterlingBackend;
  mq: MqBroker;
}

const holder = globalThis as typeof globalThis & { conflux_sterling_built_in?: BuiltIn };

/** A simulated Sterling whose changes are published on its mqweb's event queues (also used by tests). */
export function createBuiltIn(): BuiltIn {
  const { mq: _mq, ...sample } = sampleData();
  // The sample orders are made "a few days ago" when the simulator starts, so that "Fetch a sample" (which looks a
  // week back) finds them on a fresh simulator; their OrderDate stays as given.
  const started = Date.now();
  const data = {
    ...sample,
    orders: sample.orders?.map((order, index, all) => {
      const created = new Date(started - (all.length - index) * 86_400_000)
        .toISOString()
        .replace(/\.\d{3}Z$/, "+00:00");
      return { ...order, Createts: created, Modifyts: created };
    }),
  };
  const mq = createMqBroker({
    users: [SAMPLE_MQ_USER],
    queueManagers: {
      [BUILT_IN_QUEUE_MANAGER]: {
        ...eventQueueDefinitions(),
        ...Object.fromEntries(
          SIMULATOR_SERVICES.flatMap((service) => [
            [service.queue, []],
            [errorQueueOf(service.queue), []],
          ]),
        ),
      },
    },
    level: "9.2.5",
  });
  // The hook reads the state only when a call runs, after the backend exists.
  const backend: SterlingBackend = createSterlingBackend(
    { ...data, around: (call) => around(call) },
    BUILT_IN_MOUNT_PATH,
  );
  const around = publishingAround(mq, BUILT_IN_QUEUE_MANAGER, () => backend.state);
  return { backend, mq: withIntegrationServices(mq, backend) };
}

/**
 * Sterling's integration server as the built-in plays it: each message put on a service's queue (SIMULATOR_SERVICES)
 * is taken off at once and its document given to the service's API (so "Create order (async)" makes an order, and a
 * New order event); a document Sterling refuses moves to the service's error queue.
 */
function withIntegrationServices(mq: MqBroker, backend: SterlingBackend): MqBroker {
  const serve = () => {
    for (const service of SIMULATOR_SERVICES) {
      const waiting = mq.messages(BUILT_IN_QUEUE_MANAGER, service.queue);
      for (const message of waiting.splice(0)) {
        try {
          const { root, document } = fromSterlingXml(message.text);
          if (root !== service.root) {
            throw new SterlingFault(400, "YFC0009", `${service.api} reads <${service.root}>, not <${root}>`);
          }
          backend.invokeApi(service.api, document);
        } catch {
          mq.put(BUILT_IN_QUEUE_MANAGER, errorQueueOf(service.queue), message.text, {
            correlationId: message.correlationId,
          });
        }
      }
    }
  };
  return {
    ...mq,
    handle(request) {
      const reply = mq.handle(request);
      if (request.method === "POST" && reply.status === 201) serve();
      return reply;
    },
  };
}

/** The service queues with what waits on each and on its error queue, for the simulator's page. */
export function serviceQueueDepths(): Array<{
  actions: string;
  api: string;
  queue: string;
  waiting: number;
  refused: number;
}> {
  const mq = builtInMq();
  return SIMULATOR_SERVICES.map((service) => ({
    actions: service.actions,
    api: service.api,
    queue: service.queue,
    waiting: mq.messages(BUILT_IN_QUEUE_MANAGER, service.queue).length,
    refused: mq.messages(BUILT_IN_QUEUE_MANAGER, errorQueueOf(service.queue)).length,
  }));
}

function builtIn(): BuiltIn {
  holder.conflux_sterling_built_in ??= createBuiltIn();
  return holder.conflux_sterling_built_in;
}

export function builtInSimulator(): SterlingBackend {
  return builtIn().backend;
}

/** The built-in simulator's IBM MQ (messaging REST API and queues). */
export function builtInMq(): MqBroker {
  return builtIn().mq;
}

function appOrigin(config: Config): string {
  // The worker calls the simulator on this very server, so the URL is the loopback address of the app's port,
  // whatever address the browser used.
  const host = config.HOST === "0.0.0.0" || config.HOST === "::" ? "127.0.0.1" : config.HOST;
  return `http://${host.includes(":") ? `[${host}]` : host}:${config.PORT}`;
}

/** The Connect form's "built-in simulator" choices: the REST API, and IBM MQ through the same simulator. */
export function builtInSimulatorPresets(config: Config = getConfig()): AccountPreset[] {
  if (!config.sterlingSimulator) return [];
  const origin = appOrigin(config);
  const link = { href: "/simulators/sterling", label: "Open the simulator" };
  return [
    {
      key: "built-in-simulator",
      label: "Connect to the built-in Sterling simulator",
      description:
        "No Sterling licence needed: a simulated Sterling OMS inside Conflux, with sample orders to try flows on.",
      accountName: "Sterling simulator",
      mode: REST_MODE,
      values: {
        endpointUrl: `${origin}${BUILT_IN_MOUNT_PATH}/smcfs/restapi`,
        loginId: SAMPLE_USER.loginId,
        password: SAMPLE_USER.password,
      },
      link,
    },
    {
      key: "built-in-simulator-mq",
      label: "Connect to the built-in Sterling simulator over IBM MQ",
      description:
        "The same simulator over IBM MQ's messaging REST API: each event arrives on a queue of its own (set the " +
        "trigger's Event queue; the simulator's page lists them).",
      accountName: "Sterling simulator (IBM MQ)",
      mode: MQ_MODE,
      values: {
        server: "127.0.0.1:1414",
        queueManager: BUILT_IN_QUEUE_MANAGER,
        channel: "DEV.APP.SVRCONN",
        cipherSpec: "NONE",
        certificateLabel: "conflux-simulator",
        certificate: SAMPLE_MQ_CERTIFICATE,
        privateKey: SAMPLE_MQ_PRIVATE_KEY,
        queue: BUILT_IN_ACTION_QUEUE,
        restUrl: `${origin}${BUILT_IN_MOUNT_PATH}`,
        restUser: SAMPLE_MQ_USER.user,
        restPassword: SAMPLE_MQ_USER.password,
      },
      link,
    },
  ];
}
