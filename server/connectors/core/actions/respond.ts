// Respond: the runtime stores { status, headers, body } on the run as soon as the step runs, so a webhook caller
// waiting for the run gets its answer before the rest of the flow finishes. The step's output is the same object.
import { z } from "zod";
import { defineAction, field } from "../../sdk";

// HTTP token characters (RFC 9110): anything else in a header name would make the web server throw when answering.
const headerName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, "must be a valid HTTP header name");
// CR or LF in a value would let a flow inject headers into the answer.
const headerValue = z
  .string()
  .max(8192)
  .regex(/^[^\r\n]*$/, "must not contain line breaks");

const response = z.object({
  status: z.number().int().meta({ title: "Status code" }),
  headers: z.record(z.string(), z.string()).meta({ title: "Headers" }),
  body: z.unknown().meta({ title: "Body" }),
});

export const respondAction = defineAction({
  key: "respond",
  label: "Respond",
  description: "Answers the caller that started the flow (a webhook) while the flow goes on.",
  group: "Logic",
  input: z.object({
    // 1xx are interim answers in HTTP: none of them can end the caller's request.
    status: z
      .number()
      .int()
      .min(200)
      .max(599)
      .default(200)
      .meta(field({ title: "Status code", order: 1 })),
    headers: z
      .record(headerName, headerValue)
      .default({})
      .meta(field({ title: "Headers", widget: "keyValue", order: 2 })),
    body: z
      .unknown()
      .optional()
      .meta(
        field({
          title: "Body",
          description: 'Text, or an expression that gives JSON, e.g. {{ {"accepted": true} }}.',
          placeholder: '{{ {"orderNo": trigger.orderNo, "accepted": true} }}',
          widget: "httpBody",
          order: 3,
        }),
      ),
  }),
  output: response,
  async run({ input }) {
    return { status: input.status, headers: input.headers, body: input.body ?? null };
  },
});
