// The built-in Sterling simulator's IBM MQ queues, for a flow whose account is connected "over IBM MQ": which queue
// each event is published on (the trigger's Event queue) and how many messages wait there; and the queue each
// "(async)" action's service reads (the step's Queue), with the documents it refused.
import { z } from "zod";

export const eventQueuesSchema = z.array(z.object({ event: z.string(), queue: z.string(), waiting: z.number() }));
export const serviceQueuesSchema = z.array(
  z.object({ actions: z.string(), api: z.string(), queue: z.string(), waiting: z.number(), refused: z.number() }),
);

export function SterlingEventQueues({ queues }: { queues: z.infer<typeof eventQueuesSchema> }) {
  return (
    <>
      <h3 className="mt-4 text-xs font-semibold uppercase tracking-wide text-slate-500">IBM MQ event queues</h3>
      <p className="mt-1 text-xs text-slate-600">
        Connected <strong>over IBM MQ</strong>, set a trigger&apos;s Event queue to its event&apos;s queue:
      </p>
      <table data-testid="simulator-event-queues" className="mt-1 w-full text-xs">
        <tbody>
          {queues.map((entry) => (
            <tr key={entry.queue}>
              <td className="py-0.5 pr-2">{entry.event}</td>
              <td className="whitespace-nowrap py-0.5 pr-2 font-mono">{entry.queue}</td>
              <td className="py-0.5 text-right text-slate-500" title="Messages waiting">
                {entry.waiting}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function SterlingServiceQueues({ queues }: { queues: z.infer<typeof serviceQueuesSchema> }) {
  return (
    <>
      <h3 className="mt-4 text-xs font-semibold uppercase tracking-wide text-slate-500">IBM MQ service queues</h3>
      <p className="mt-1 text-xs text-slate-600">
        Set an <strong>(async)</strong> step&apos;s Queue to its service&apos;s queue; a refused document waits on the
        queue&apos;s .ERROR twin:
      </p>
      <table data-testid="simulator-service-queues" className="mt-1 w-full text-xs">
        <tbody>
          {queues.map((entry) => (
            <tr key={entry.queue} data-queue={entry.queue}>
              <td className="py-0.5 pr-2" title={`Sterling API: ${entry.api}`}>
                {entry.actions}
              </td>
              <td className="whitespace-nowrap py-0.5 pr-2 font-mono">{entry.queue}</td>
              <td
                className={`py-0.5 text-right ${entry.refused > 0 ? "text-red-600" : "text-slate-500"}`}
                title="Refused documents"
                data-testid="service-queue-refused"
              >
                {entry.refused > 0 ? `${entry.refused} refused` : "0"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
