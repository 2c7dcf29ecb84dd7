import { describe, expect, it } from "vitest";
import { ConfluxError } from "@/lib/errors";
import { readConfig } from "./config";

describe("readConfig", () => {
  it("gives every variable its default, treating empty and blank values as unset", () => {
    const config = readConfig({ PORT: "", CONFLUX_WORKER_CONCURRENCY: "  ", DATABASE_URL: "" });
    expect(config).toMatchObject({
      PORT: 3000,
      HOST: "127.0.0.1",
      CONFLUX_WORKER_CONCURRENCY: 16,
      CONFLUX_EMBEDDED_WORKER: true,
      CONFLUX_STEP_PAYLOAD_LIMIT_KB: 256,
      CONFLUX_RUN_RETENTION_DAYS: 30,
    });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it("reads whole numbers and booleans", () => {
    const config = readConfig({ PORT: "8080", CONFLUX_WORKER_CONCURRENCY: " 32 ", CONFLUX_EMBEDDED_WORKER: "false" });
    expect(config).toMatchObject({ PORT: 8080, CONFLUX_WORKER_CONCURRENCY: 32, CONFLUX_EMBEDDED_WORKER: false });
  });

  it("names every bad variable, what it must be and what it got, in one message", () => {
    let caught: unknown;
    try {
      readConfig({
        CONFLUX_WORKER_CONCURRENCY: "lots",
        PORT: "70000",
        DATABASE_URL: "mysql://x",
        CONFLUX_EMBEDDED_WORKER: "yes",
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfluxError);
    const message = caught instanceof Error ? caught.message : "";
    expect(message).toContain('CONFLUX_WORKER_CONCURRENCY must be a whole number of runs from 1 to 256 (got "lots")');
    expect(message).toContain('PORT must be a whole number of a TCP port from 1 to 65535 (got "70000")');
    expect(message).toContain("DATABASE_URL must be a postgres:// or postgresql:// URL");
    expect(message).toContain('CONFLUX_EMBEDDED_WORKER must be true or false (got "yes")');
  });

  it("reads the public address without its trailing slash, and the webhook body limit", () => {
    const config = readConfig({
      CONFLUX_PUBLIC_URL: "https://flows.example.com/conflux/",
      CONFLUX_WEBHOOK_BODY_LIMIT_KB: "4096",
    });
    expect(config).toMatchObject({
      CONFLUX_PUBLIC_URL: "https://flows.example.com/conflux",
      CONFLUX_WEBHOOK_BODY_LIMIT_KB: 4096,
    });
    expect(readConfig({}).CONFLUX_WEBHOOK_BODY_LIMIT_KB).toBe(1024);
    expect(() => readConfig({ CONFLUX_PUBLIC_URL: "flows.example.com" })).toThrow(
      "CONFLUX_PUBLIC_URL must be an http:// or https:// address",
    );
  });
});
