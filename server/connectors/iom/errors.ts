// How IOM's refusals read. Order 2.0 and RMA 2.10 answer 400 with an ErrorReport ({ status, errors: [{ code,
// message, value }] }); 401, 403 and 404 come without a documented body. The Inventory servlet wraps problems in
// its response envelope (errors: [{ message, sourceField }], exceptions: [{ message, code }]).
import { z } from "zod";
import { RemoteError } from "@/lib/errors";
import { errorForResponse, responseForDetails, type HttpResponse } from "../sdk";

export const errorReport = z.object({
  status: z.number().optional(),
  errors: z
    .array(z.object({ code: z.string().optional(), message: z.string().optional(), value: z.unknown().optional() }))
    .default([]),
});

export type IomErrorItem = z.output<typeof errorReport>["errors"][number];

/** One sentence per ErrorReport entry, naming the field the way the step's form does where IOM names a path. */
export function describeErrorReport(body: unknown, fieldLabels: Record<string, string> = {}): string[] {
  const parsed = errorReport.safeParse(body);
  if (!parsed.success) return [];
  return parsed.data.errors.map((error) => {
    const message = error.message ?? error.code ?? "invalid";
    const path = /^([A-Za-z][\w.[\]]*)\s*:/.exec(message)?.[1];
    const label = path ? labelFor(path, fieldLabels) : undefined;
    const value = error.value === undefined || error.value === null ? "" : ` (value ${JSON.stringify(error.value)})`;
    return `${label ? `${label}: ` : ""}${message}${value}`;
  });
}

/** The most specific label for an IOM path: "shippingBuckets[0].positions[1].quantity" → "Line 2 quantity". */
function labelFor(path: string, fieldLabels: Record<string, string>): string | undefined {
  const line = /positions\[(\d+)\]\.(.+)$/.exec(path);
  if (line?.[1] !== undefined && line[2]) {
    // Order lines sit in shipping buckets; a return request's positions are its top level.
    const noun = path.startsWith("positions") ? "Position" : "Line";
    return `${noun} ${Number(line[1]) + 1} (${fieldLabels[`line.${line[2]}`] ?? line[2]})`;
  }
  const generic = path.replace(/\[\d+\]/g, "");
  for (let cut = generic; cut; cut = cut.includes(".") ? cut.slice(0, cut.lastIndexOf(".")) : "") {
    const label = fieldLabels[cut];
    if (label) return label;
  }
  return undefined;
}

/**
 * The error for an IOM reply outside 2xx, or undefined for a success. `what` names the call ("Export order");
 * `host` the server, so a wrong URL or a missing permission reads as such.
 */
export function iomResponseError(
  response: HttpResponse,
  what: string,
  host: string,
  fieldLabels?: Record<string, string>,
): RemoteError | undefined {
  if (response.status >= 200 && response.status < 300) return undefined;
  const details = { response: responseForDetails(response) };
  const fail = (message: string, retryable = false) =>
    new RemoteError("REMOTE", message, { status: response.status, retryable, details });
  switch (response.status) {
    case 400: {
      const said = describeErrorReport(response.body, fieldLabels);
      return fail(`IOM (${host}) refused ${what}${said.length ? `: ${said.join("; ")}` : ""}`);
    }
    case 401:
      return fail(
        `IOM (${host}) did not accept the credentials for ${what}: check the account's user and password or token`,
      );
    case 403:
      return fail(
        `IOM (${host}) refused ${what}: the user lacks the permission for it (role ShopServiceClient) in this shop, ` +
          "or the shop ID does not exist",
      );
    case 404:
      return fail(`IOM (${host}) does not know what ${what} asked for (404): check the IOM URL and the shop name`);
    case 415:
    case 406:
      return fail(`IOM (${host}) did not accept the media type for ${what} (${response.status}): is it an IOM 3.x?`);
    default:
      return errorForResponse(response, `IOM (${host}) ${what}`);
  }
}
