// Calls one of IOM's SOAP services: POSTs the envelope (credentials travel in the message, as IOM's SOAP messages
// carry User and Password) and returns the answer's body, or throws the error a SOAP Fault or a non-SOAP reply reads
// as. IOM's SOAP error codes (USER_PASSWORD_UNKNOWN, UNAUTHORIZED, UNKNOWN_SHOP, …; Reference - IOM SOAP Web
// Services) are turned into sentences that say what to fix.
import { RemoteError } from "@/lib/errors";
import { errorForResponse, httpRequest, responseForDetails } from "../../sdk";
import type { IomAccount } from "../auth";
import { CALL_TIMEOUT_MS } from "../client";
import { readEnvelope, SOAP_CONTENT_TYPE, soapEnvelope, type SoapFault, type XmlNode } from "./envelope";

export interface SoapCall {
  /** Below the IOM URL, e.g. /webservices/OrderService/v1.2. */
  path: string;
  body: XmlNode;
  namespaces?: Record<string, string>;
  /** Names the call in messages: "order ORD-1". */
  what: string;
  /** Names the service and the IOM permission it needs: "OrderService (permission Create order)". */
  service: string;
  signal: AbortSignal;
}

/** What IOM's documented error codes mean for the person fixing the step or the account. */
function faultSentence(fault: SoapFault, call: SoapCall, host: string): { message: string; retryable: boolean } {
  const said = `${fault.message}`;
  const has = (code: string) => said.includes(code);
  if (has("USER_PASSWORD_UNKNOWN")) {
    return {
      message: `IOM (${host}) did not accept the user and password for ${call.what}: check the account's user and password (${said})`,
      retryable: false,
    };
  }
  if (has("USER_BLOCKED")) {
    return {
      message: `IOM (${host}) has blocked the account's user after failed sign-ins: unblock it in IOM (${said})`,
      retryable: false,
    };
  }
  if (has("UNAUTHORIZED")) {
    return {
      message: `IOM (${host}) refused ${call.what}: the user lacks the permission for ${call.service} (${said})`,
      retryable: false,
    };
  }
  if (has("UNKNOWN_SHOP")) {
    return {
      message: `IOM (${host}) does not know the shop name of the account: check Shop name (${said})`,
      retryable: false,
    };
  }
  // A Client fault is the message's own problem; a Server fault without a known code may pass.
  return { message: `IOM (${host}) refused ${call.what}: ${said}`, retryable: fault.code !== "Client" };
}

export async function callSoap(account: IomAccount, call: SoapCall): Promise<XmlNode> {
  const url = new URL(`${account.baseUrl}${call.path}`);
  const response = await httpRequest({
    method: "POST",
    url: url.toString(),
    // document/literal: the body's element says which operation is meant, so the action header stays empty.
    headers: { "Content-Type": SOAP_CONTENT_TYPE, Accept: "text/xml", SOAPAction: '""' },
    body: soapEnvelope(call.body, call.namespaces),
    timeoutMs: CALL_TIMEOUT_MS,
    signal: call.signal,
    followRedirects: false,
  });
  const text = typeof response.body === "string" ? response.body : JSON.stringify(response.body);
  const envelope = readEnvelope(text);
  if (envelope.ok && response.status >= 200 && response.status < 300) return envelope.body;
  if (!envelope.ok && envelope.fault) {
    const { message, retryable } = faultSentence(envelope.fault, call, url.host);
    throw new RemoteError("REMOTE", message, {
      status: response.status,
      retryable,
      details: { faultcode: envelope.fault.code, response: responseForDetails(response) },
    });
  }
  if (response.status === 404) {
    throw new RemoteError(
      "REMOTE",
      `IOM (${url.host}) has no ${call.service} at ${url.pathname} (404): check the IOM URL and the service path`,
      {
        status: 404,
        retryable: false,
      },
    );
  }
  if (response.status < 200 || response.status >= 300)
    throw errorForResponse(response, `IOM (${url.host}) ${call.service}`);
  throw new RemoteError(
    "REMOTE",
    `IOM (${url.host}) answered ${call.what} with something that is not a SOAP message: check the service path`,
    {
      status: response.status,
      retryable: false,
      details: { response: responseForDetails(response) },
    },
  );
}
