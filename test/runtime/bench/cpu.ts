// CPU time spent, read from /proc: on a shared machine, the CPU a run costs is steadier than runs per second, which
// move with everything else the machine is doing.
import fs from "node:fs";
import path from "node:path";

// USER_HZ: clock ticks per second in /proc/<pid>/stat; 100 on every Linux this runs on.
const TICKS_PER_SECOND = 100;

interface ProcStat {
  pid: number;
  parent: number;
  cpuMs: number;
  /** Of its children that exited and were reaped: a postmaster's backends that have closed. */
  reapedChildrenCpuMs: number;
}

function readStat(pid: number): ProcStat | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may hold spaces: fields are counted after its closing one.
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    const parent = Number(fields[1]);
    const ms = (ticks: number) => (ticks * 1000) / TICKS_PER_SECOND;
    return {
      pid,
      parent,
      cpuMs: ms(Number(fields[11]) + Number(fields[12])),
      reapedChildrenCpuMs: ms(Number(fields[13]) + Number(fields[14])),
    };
  } catch {
    return null;
  }
}

/** User and system CPU of one process (all its threads), in milliseconds; 0 once it is gone. */
export function processCpuMs(pid: number | undefined): number {
  return pid === undefined ? 0 : (readStat(pid)?.cpuMs ?? 0);
}

/** CPU of a Postgres server: its postmaster, its live backends, and those that exited (reaped by the postmaster). */
export function postgresCpuMs(dataDir: string): number {
  let postmaster: number;
  try {
    postmaster = Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  } catch {
    return 0;
  }
  const own = readStat(postmaster);
  let total = (own?.cpuMs ?? 0) + (own?.reapedChildrenCpuMs ?? 0);
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat?.parent === postmaster) total += stat.cpuMs;
  }
  return total;
}
