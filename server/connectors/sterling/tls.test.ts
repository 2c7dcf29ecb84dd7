// The certificate fields for real: the simulator serves HTTPS with a self-signed server certificate and requires a
// client certificate, as IBM-hosted Sterling requires one and as on-premises servers often use a private CA.
import { generate } from "selfsigned";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getOrderListAction } from "./actions/get-order-list";
import { sampleData } from "./simulator/fixtures";
import { startSterlingSimulator, type SterlingSimulator } from "./simulator";
import { testSterlingConnection } from "./test-connection";
import { clientPems, failure, mqAccount, restAccount, runAction, strangerPems } from "@/test/connectors/sterling";

const ip = [{ name: "subjectAltName" as const, altNames: [{ type: 7 as const, ip: "127.0.0.1" }] }];
const serverPems = await generate([{ name: "commonName", value: "127.0.0.1" }], { keyType: "ec", extensions: ip });

let sterling: SterlingSimulator;

beforeAll(async () => {
  const tls = { cert: serverPems.cert, key: serverPems.private, ca: clientPems.cert };
  sterling = await startSterlingSimulator({ ...sampleData(), tls });
});
afterAll(() => sterling.close());

const test = (account: { mode: string; credentials: Record<string, string> }) =>
  testSterlingConnection({ ...account, signal: new AbortController().signal });
const withCertificate = { certificate: clientPems.cert, privateKey: clientPems.private, ca: serverPems.cert };
// TLS 1.3 servers refuse a client certificate after the handshake, so the client may only see the reset.
const refusedCertificate =
  /^Could not connect to 127\.0\.0\.1:\d+: the (server (requires a|did not accept the) client certificate|connection was reset \(the server may have refused the client certificate\))/;

describe("Sterling over mutual TLS", () => {
  it("presents the REST account's client certificate and trusts its CA certificate", async () => {
    expect(sterling.url).toMatch(/^https:/);
    await expect(test(restAccount(sterling.url, withCertificate))).resolves.toBeUndefined();
    const orders = await runAction(
      getOrderListAction,
      { orderNo: "Y100001" },
      restAccount(sterling.url, withCertificate),
    );
    expect(orders.orders.map((order) => order.OrderNo)).toEqual(["Y100001"]);
  });

  it("explains an untrusted server and a missing or foreign client certificate", async () => {
    const untrusted = await failure(test(restAccount(sterling.url, { ...withCertificate, ca: "" })));
    expect(untrusted.message).toMatch(/: its TLS certificate is self-signed/);
    const without = await failure(test(restAccount(sterling.url, { ca: serverPems.cert })));
    expect(without.message).toMatch(
      /^Could not connect to 127\.0\.0\.1:\d+: the (server requires a client certificate|connection was reset)/,
    );
    const stranger = { ...withCertificate, certificate: strangerPems.cert, privateKey: strangerPems.private };
    expect((await failure(test(restAccount(sterling.url, stranger)))).message).toMatch(refusedCertificate);
  });

  it("presents the MQ account's certificate to the mqweb server", async () => {
    await expect(test(mqAccount(sterling.url, { ca: serverPems.cert }))).resolves.toBeUndefined();
    const stranger = { ca: serverPems.cert, certificate: strangerPems.cert, privateKey: strangerPems.private };
    expect((await failure(test(mqAccount(sterling.url, stranger)))).message).toMatch(refusedCertificate);
  });
});
