// Turning the dates a user typed into the instants Sterling compares. Sterling's date-time attributes are time zone
// aware (IBM: "Specifying time zones", API_Specify_TimeZone.html) and answer in yyyy-MM-ddTHH:mm:ss±HH:MM; a value
// without an offset would be read in the server's zone, which the user cannot see. So a date-time without an offset
// is read in the account's time zone and sent with that zone's offset at that moment (daylight saving included), a
// date alone stands for the whole day (from its first to its last second), and a value with an offset goes as given.
import { z } from "zod";

export const DEFAULT_TIME_ZONE = "UTC";

/** Whether the runtime knows `zone` as an IANA time zone name (Europe/Berlin, America/New_York, UTC). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const localDateTime = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/;

/** The zone's offset from UTC in minutes at `instant`, e.g. 60 for Europe/Berlin in winter. */
function offsetMinutes(instant: number, zone: string): number {
  const name = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" })
    .formatToParts(new Date(instant))
    .find((part) => part.type === "timeZoneName")?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? "");
  if (!match) return 0; // "GMT" alone: UTC itself
  return (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

/**
 * The instant a wall-clock time in `zone` names. Two passes settle the offset for ordinary times; a time skipped by a
 * daylight saving change lands after the gap, as a wall clock moved forward would read it.
 */
function zonedInstant(wall: number, zone: string): number {
  const first = wall - offsetMinutes(wall, zone) * 60_000;
  return wall - offsetMinutes(first, zone) * 60_000;
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const size = Math.abs(minutes);
  return `${sign}${pad(Math.floor(size / 60))}:${pad(size % 60)}`;
}

/** `instant` as Sterling writes date-times: the wall time in `zone` with the zone's offset. */
function sterlingForm(instant: number, zone: string, withMilliseconds: boolean): string {
  const offset = offsetMinutes(instant, zone);
  const wall = new Date(instant + offset * 60_000);
  const date = `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
  const time = `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}`;
  const fraction = withMilliseconds ? `.${pad(wall.getUTCMilliseconds(), 3)}` : "";
  return `${date}T${time}${fraction}${formatOffset(offset)}`;
}

/**
 * A user's date or date-time as Sterling should compare it. `bound` says which end of a range it is: a date alone
 * starts at 00:00:00 ("from") or ends at 23:59:59 ("until") of that day in `zone`. Sterling writes its timestamps
 * to the second, so 23:59:59 includes the whole last second of the day.
 */
export function sterlingDateTime(value: string, zone: string, bound: "from" | "until"): string {
  const match = localDateTime.exec(value);
  if (!match) return value; // it carries its own offset (or Z): that instant is what the user meant
  const [, year, month, day, hour, minute, second, fraction] = match;
  const dateOnly = hour === undefined;
  const endOfDay = dateOnly && bound === "until";
  const wall = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    endOfDay ? 23 : Number(hour ?? 0),
    endOfDay ? 59 : Number(minute ?? 0),
    endOfDay ? 59 : Number(second ?? 0),
    Number((fraction ?? "").padEnd(3, "0").slice(0, 3)),
  );
  return sterlingForm(zonedInstant(wall, zone), zone, fraction !== undefined);
}

/** The account field: an optional IANA time zone name, UTC when left empty. */
export const timeZoneValue = z
  .string()
  .optional()
  .transform((value) => value?.trim() || DEFAULT_TIME_ZONE)
  .refine(isTimeZone, { message: "is not a time zone name: use an IANA name such as Europe/Berlin or UTC" });
