// How Oracle's ADF REST refusals read. With REST-Framework-Version 4 and a JSON Accept header, Fusion answers an
// error with `{ title, status, "o:errorDetails": [{ detail, "o:errorCode", "o:errorPath" }] }`
// (application/vnd.oracle.adf.error+json); older framework versions answer plain text ("Invalid operation create for
// the specified resource."), and ADF 12.2.1.4 sends a 500 with no body at all. Each becomes one plain sentence.
import { z } from "zod";
import { RemoteError } from "@/lib/errors";
import { errorForResponse, responseForDetails, type HttpResponse } from "../sdk";

const errorDetail = z
  .object({
    detail: z.string().optional(),
    "o:errorCode": z.union([z.string(), z.number()]).optional(),
    "o:errorPath": z.string().optional(),
    title: z.string().optional(),
  })
  .passthrough();

const adfError = z
  .object({
    title: z.string().optional(),
    detail: z.string().optional(),
    "o:errorCode": z.union([z.string(), z.number()]).optional(),
    "o:errorDetails": z.array(errorDetail).optional(),
  })
  .passthrough();

const MAX_MESSAGE_CHARS = 600;

/** The sentences an ADF error body says, most specific first; [] when it says nothing readable. */
export function describeAdfError(body: unknown): string[] {
  if (typeof body === "string") {
    const text = body.replace(/\s+/g, " ").trim();
    // An HTML error page (a proxy, a sign-in page) says nothing a business user can act on.
    return text && !/^<(!doctype|html)/i.test(text) ? [text.slice(0, MAX_MESSAGE_CHARS)] : [];
  }
  const parsed = adfError.safeParse(body);
  if (!parsed.success) return [];
  const details = (parsed.data["o:errorDetails"] ?? [])
    .map((item) => {
      const text = (item.detail ?? item.title ?? "").trim();
      if (!text) return "";
      const path = item["o:errorPath"] ? ` (at ${item["o:errorPath"]})` : "";
      const code = item["o:errorCode"] !== undefined ? ` [${item["o:errorCode"]}]` : "";
      return `${text}${path}${code}`;
    })
    .filter(Boolean);
  if (details.length) return [...new Set(details)];
  const own = parsed.data.detail ?? parsed.data.title;
  return own ? [own] : [];
}

/**
 * The error for an Oracle reply outside 2xx, or undefined for a success. `what` names the call ("Create sales
 * order"); `host` the pod, so a wrong URL or a missing role reads as such.
 */
export function oracleResponseError(response: HttpResponse, what: string, host: string): RemoteError | undefined {
  if (response.status >= 200 && response.status < 300) return undefined;
  const said = describeAdfError(response.body);
  const saying = said.length ? `: ${said.join("; ")}` : "";
  const details = { response: responseForDetails(response) };
  const fail = (message: string) =>
    new RemoteError("REMOTE", message, { status: response.status, retryable: false, details });
  switch (response.status) {
    case 400:
      return fail(`Oracle (${host}) refused ${what}${saying}`);
    case 401:
      return fail(
        `Oracle (${host}) did not accept the credentials for ${what}: check the account's user and password or token`,
      );
    case 403:
      return fail(
        `Oracle (${host}) refused ${what}: the user lacks the privilege for it (e.g. the Order Manager role)${saying}`,
      );
    case 404:
      // Oracle documents two causes: a wrong key in the URL, or no business-unit data security for the user.
      return fail(
        `Oracle (${host}) found nothing for ${what} (404)${saying}: check the order key, or grant the user data ` +
          "access to the order's business unit",
      );
    case 409:
      return fail(`Oracle (${host}) refused ${what} because of a conflict${saying}`);
    case 412:
      return fail(`Oracle (${host}) refused ${what}: the order changed since it was read (412)${saying}`);
    case 406:
    case 415:
      return fail(`Oracle (${host}) did not accept the media type for ${what} (${response.status})${saying}`);
    default: {
      // 5xx and 429 keep the runtime's retry rules (and Retry-After); the message still says what Oracle said.
      const generic = errorForResponse({ ...response, body: "" }, `Oracle (${host}) ${what}`);
      if (!generic) return undefined;
      const message =
        response.status === 500 && !said.length
          ? `${generic.message} with no explanation (on Fusion this often means an incomplete flexfield deployment)`
          : `${generic.message}${saying}`;
      return new RemoteError(generic.code === "RATE_LIMITED" ? "RATE_LIMITED" : "REMOTE", message, {
        status: response.status,
        retryable: generic.retryable,
        details: { ...generic.details, response: responseForDetails(response) },
      });
    }
  }
}
