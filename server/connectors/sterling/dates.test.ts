import { describe, expect, it } from "vitest";
import { sterlingAccounts } from "./auth";
import { isTimeZone, sterlingDateTime } from "./dates";

describe("sterlingDateTime", () => {
  it("makes a date-only 'until' the last second of that day in the account's zone", () => {
    expect(sterlingDateTime("2025-03-01", "UTC", "until")).toBe("2025-03-01T23:59:59+00:00");
    expect(sterlingDateTime("2025-03-01", "Europe/Berlin", "until")).toBe("2025-03-01T23:59:59+01:00");
    expect(sterlingDateTime("2025-07-01", "America/New_York", "until")).toBe("2025-07-01T23:59:59-04:00");
  });

  it("makes a date-only 'from' the start of that day in the account's zone", () => {
    expect(sterlingDateTime("2025-03-01", "Asia/Kolkata", "from")).toBe("2025-03-01T00:00:00+05:30");
    expect(sterlingDateTime("2025-03-01", "UTC", "from")).toBe("2025-03-01T00:00:00+00:00");
  });

  it("reads a date-time without an offset as that wall time in the zone, with the offset of that moment", () => {
    expect(sterlingDateTime("2025-01-15T08:30:00", "Europe/Berlin", "from")).toBe("2025-01-15T08:30:00+01:00");
    expect(sterlingDateTime("2025-07-15T08:30:00", "Europe/Berlin", "until")).toBe("2025-07-15T08:30:00+02:00");
    expect(sterlingDateTime("2025-07-15T08:30", "UTC", "from")).toBe("2025-07-15T08:30:00+00:00");
    expect(sterlingDateTime("2025-07-15T08:30:00.25", "Europe/London", "from")).toBe("2025-07-15T08:30:00.250+01:00");
  });

  it("moves a wall time skipped by daylight saving past the gap", () => {
    // Berlin clocks jump from 02:00 to 03:00 on 2025-03-30: 02:30 does not exist there.
    expect(sterlingDateTime("2025-03-30T02:30:00", "Europe/Berlin", "from")).toBe("2025-03-30T03:30:00+02:00");
    expect(sterlingDateTime("2025-03-30", "Europe/Berlin", "until")).toBe("2025-03-30T23:59:59+02:00");
  });

  it("sends a value with an offset unchanged", () => {
    expect(sterlingDateTime("2025-03-01T08:00:00Z", "Europe/Berlin", "from")).toBe("2025-03-01T08:00:00Z");
    expect(sterlingDateTime("2025-03-01T08:00:00-05:00", "Asia/Tokyo", "until")).toBe("2025-03-01T08:00:00-05:00");
  });
});

describe("the account's time zone field", () => {
  const rest = { endpointUrl: "https://oms.example.com", loginId: "admin", password: "secret" };

  it("knows IANA names only", () => {
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
  });

  it("defaults to UTC, trims, and refuses an unknown zone with a clear message", () => {
    const read = (values: Record<string, string>) =>
      sterlingAccounts.read({ id: "a1", mode: "rest", credentials: values }, "Retrieve orders", ["rest"]).values;
    expect(read(rest).timeZone).toBe("UTC");
    expect(read({ ...rest, timeZone: "" }).timeZone).toBe("UTC");
    expect(read({ ...rest, timeZone: " Europe/Berlin " }).timeZone).toBe("Europe/Berlin");
    expect(sterlingAccounts.check("rest", { ...rest, timeZone: "Europe/Berlin" })).toBeUndefined();
    expect(sterlingAccounts.check("restBasic", { ...rest, timeZone: "CEST+1" })).toEqual({
      field: "timeZone",
      message: "Time zone is not a time zone name: use an IANA name such as Europe/Berlin or UTC",
    });
    const field = sterlingAccounts.auth.modes
      .find((mode) => mode.key === "rest")
      ?.fields.find((f) => f.key === "timeZone");
    expect(field).toMatchObject({ label: "Time zone", required: false });
  });
});
