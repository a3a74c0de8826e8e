// CPU time of processes and of the whole machine, read from /proc (Linux), so a benchmark can say
// which process spent the cores: utime + stime of each pid, and the machine's busy share.
import { readdirSync, readFileSync } from 'node:fs';

/** Linux reports process times in clock ticks; USER_HZ is 100 on every mainstream build. */
const TICKS_PER_SECOND = 100;

/** CPU seconds a process has used so far, or 0 when it is gone (or /proc is not readable). */
export function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** Busy and total jiffies of all cores together (/proc/stat's first line). */
export function machineTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = values[3]! + (values[4] ?? 0); // idle + iowait
  const total = values.reduce((sum, v) => sum + v, 0);
  return { busy: total - idle, total };
}

/** The 1-minute load average. */
export function loadAverage(): number {
  return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}

/** Pids of a running program by its exact command name (e.g. 'redis-server'). */
export function pidsByName(name: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name) pids.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

/**
 * CPU used by groups of processes between start() and stop(), as % of one core. Groups are
 * functions so that a group whose members come and go (PostgreSQL backends) is looked up again
 * at the end; a member that exited meanwhile is counted up to its last reading.
 */
export class CpuWindow {
  private readonly before = new Map<string, Map<number, number>>();
  private started = 0;
  private machine = { busy: 0, total: 0 };

  constructor(private readonly groups: Record<string, () => number[] | Promise<number[]>>) {}

  async start(): Promise<void> {
    this.before.clear();
    for (const [name, find] of Object.entries(this.groups)) {
      this.before.set(name, new Map((await find()).map((pid) => [pid, processCpuSeconds(pid)])));
    }
    this.machine = machineTicks();
    this.started = performance.now();
  }

  /** % of one core per group, and the machine's busy % of all its cores. */
  async stop(): Promise<{ groups: Record<string, number>; machineBusy: number; load: number }> {
    const seconds = (performance.now() - this.started) / 1000;
    const groups: Record<string, number> = {};
    for (const [name, find] of Object.entries(this.groups)) {
      const before = this.before.get(name) ?? new Map<number, number>();
      let used = 0;
      for (const pid of new Set([...before.keys(), ...(await find())])) {
        const now = processCpuSeconds(pid);
        // Gone since the start (now 0): its time in this window is unknown, count none.
        if (now > 0) used += now - (before.get(pid) ?? 0);
      }
      groups[name] = (100 * used) / seconds;
    }
    const now = machineTicks();
    const machineBusy = (100 * (now.busy - this.machine.busy)) / Math.max(1, now.total - this.machine.total);
    return { groups, machineBusy, load: loadAverage() };
  }
}
