import { describe, expect, it } from "vitest";
import { ownSimulatorEntries } from "../security/outbound-guard";
import { readConfig } from "./config";
import { workerAppAddress } from "./worker-app-address";

describe("a standalone worker's idea of the web app's address", () => {
  it("takes PORT when set, else a loopback CONFLUX_PUBLIC_URL, else warns", () => {
    expect(workerAppAddress({ PORT: "8080", CONFLUX_PUBLIC_URL: "http://localhost:9000" })).toEqual({
      source: "PORT",
      port: 8080,
    });
    expect(workerAppAddress({ CONFLUX_PUBLIC_URL: "http://localhost:9000" })).toEqual({
      source: "CONFLUX_PUBLIC_URL",
      port: 9000,
      host: "127.0.0.1",
    });
    expect(workerAppAddress({ CONFLUX_PUBLIC_URL: "https://conflux.example.com" })).toMatchObject({
      source: "unknown",
      warning: expect.stringMatching(/does not know the web app's port/),
    });
    expect(workerAppAddress({})).toMatchObject({ source: "unknown" });
  });

  it("then allows the simulators on the web app's port, not on the worker's default 3000", () => {
    const app = workerAppAddress({ CONFLUX_PUBLIC_URL: "http://127.0.0.1:9000" });
    if (app.source !== "CONFLUX_PUBLIC_URL") throw new Error("expected the public URL's address");
    const config = readConfig({
      DATABASE_URL: "postgresql://u:p@db:5432/conflux",
      CONFLUX_STERLING_SIMULATOR: "true",
      PORT: String(app.port),
      HOST: app.host,
    });
    const simulator = (port: number) => new URL(`http://127.0.0.1:${port}/api/simulators/sterling/smcfs/restapi`);
    expect(ownSimulatorEntries(simulator(9000), config)).not.toEqual([]);
    expect(ownSimulatorEntries(simulator(3000), config)).toEqual([]);
  });
});
