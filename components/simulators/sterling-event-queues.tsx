// The built-in Sterling simulator's IBM MQ event queues, for a flow whose account is connected "over IBM MQ": which
// queue each event is published on (the trigger's Event queue) and how many messages wait there.
import { z } from "zod";

export const eventQueuesSchema = z.array(z.object({ event: z.string(), queue: z.string(), waiting: z.number() }));

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
              <td className="break-all py-0.5 pr-2 font-mono">{entry.queue}</td>
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
