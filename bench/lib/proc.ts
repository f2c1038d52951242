import { execFileSync } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import os from 'node:os'

/** Linux USER_HZ (100 on x86-64 and arm64). */
const CLK_TCK = 100

export interface ProcSample {
  t: number
  rssKb: number | null
  hwmKb: number | null
  /** utime + stime in seconds. */
  cpuS: number
  /** stime alone (kernel: socket writes and reads, loopback TCP). */
  sysS: number
  /** utime+stime of the main thread (the event loop; the rest is GC helpers, the thread pool, …). */
  mainS: number
  /** Times the main thread went to sleep and was woken (voluntary context switches): each costs CPU on a VM. */
  mainWakeups: number
}

function mainWakeups(pid: number): number {
  try {
    const m = /^voluntary_ctxt_switches:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/task/${pid}/status`, 'utf8'))
    return m ? Number(m[1]) : 0
  } catch {
    return 0
  }
}

/** VmRSS, VmHWM and utime+stime of a process from /proc; null when it is gone. */
export function procSample(pid: number): ProcSample | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = (k: string) => {
      const m = status.match(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm'))
      return m ? Number(m[1]) : null
    }
    const split = procCpuSplit(pid)
    const main = procCpuSplit(pid, pid)
    return {
      t: performance.now(),
      rssKb: kb('VmRSS'),
      hwmKb: kb('VmHWM'),
      cpuS: split ? split.userS + split.sysS : 0,
      sysS: split?.sysS ?? 0,
      mainS: main ? main.userS + main.sysS : 0,
      mainWakeups: mainWakeups(pid),
    }
  } catch {
    return null
  }
}

/** utime+stime of a process in seconds (10 ms resolution), null when it is gone. */
export function procCpuS(pid: number): number | null {
  const s = procCpuSplit(pid)
  return s ? s.userS + s.sysS : null
}

/** utime and stime (seconds) of a process, or of one of its threads; null when it is gone. */
export function procCpuSplit(pid: number, tid?: number): { userS: number; sysS: number } | null {
  try {
    const stat = readFileSync(tid === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${tid}/stat`, 'utf8')
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return { userS: Number(f[11]) / CLK_TCK, sysS: Number(f[12]) / CLK_TCK }
  } catch {
    return null
  }
}

/**
 * Scheduler accounting summed over a process's threads (/proc/<pid>/task/<tid>/schedstat): seconds
 * on a CPU (precise, unlike the tick-sampled utime+stime) and seconds runnable but waiting for a CPU
 * (how much other work on the machine delayed it).
 */
export function schedStat(pid: number): { runS: number; waitS: number } | null {
  try {
    let run = 0
    let wait = 0
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        const [r, w] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').trim().split(/\s+/).map(Number)
        run += r
        wait += w
      } catch {
        /* thread gone */
      }
    }
    return { runS: run / 1e9, waitS: wait / 1e9 }
  } catch {
    return null
  }
}

/** Busy CPU time of the whole machine (all cores, seconds) from /proc/stat. */
export function machineBusyS(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]
  const f = line.trim().split(/\s+/).slice(1).map(Number)
  // user nice system idle iowait irq softirq steal guest guest_nice
  const busy = f[0] + f[1] + f[2] + f[5] + f[6] + f[7]
  return busy / CLK_TCK
}

/** Scheduling priority of benchmark processes: raised (nice −10) when running as root, unless BENCH_NICE=0. */
export const BENCH_NICE = process.env.BENCH_NICE === '0' || process.getuid?.() !== 0 ? 0 : -10

/** Gives a process (this one by default) the benchmark priority; false when not allowed. */
export function raisePriority(pid = process.pid): boolean {
  if (!BENCH_NICE) return false
  try {
    os.setPriority(pid, BENCH_NICE)
    return true
  } catch {
    return false
  }
}

let tasksetOk: boolean | null = null
/**
 * `[nice -n -10] taskset -c CPU` prefix: pinned to one CPU when taskset exists and the machine has
 * at least 2 CPUs, at raised priority (see BENCH_NICE) so that other work on a shared machine
 * disturbs the figures less.
 */
export function pin(cpu: number): string[] {
  return [...(BENCH_NICE ? ['nice', '-n', String(BENCH_NICE)] : []), ...pinOnly(cpu)]
}

function pinOnly(cpu: number): string[] {
  if (tasksetOk === null) {
    try {
      execFileSync('taskset', ['-c', '0', 'true'])
      tasksetOk = os.cpus().length >= 2
    } catch {
      tasksetOk = false
    }
  }
  return tasksetOk ? ['taskset', '-c', String(cpu)] : []
}

/** Pins a running process to one CPU (`taskset -p`); false when not possible. */
export function pinPid(pid: number, cpu: number): boolean {
  if (pinOnly(cpu).length === 0) return false
  try {
    execFileSync('taskset', ['-p', '-c', String(cpu), String(pid)], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

export function loadAvg(): number[] {
  return os.loadavg().map((x) => Math.round(x * 100) / 100)
}

export interface MachineInfo {
  cpus: string
  cores: number
  memGiB: number
  kernel: string
  node: string
  postgres: string | null
  date: string
}

export function machineInfo(postgres: string | null): MachineInfo {
  const cpus = os.cpus()
  return {
    cpus: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    postgres,
    date: new Date().toISOString(),
  }
}

/** Versions of the packages the figures depend on. */
export function versions(): Record<string, string> {
  const out: Record<string, string> = {}
  for (const p of ['yjs', 'y-websocket', 'ws', 'y-protocols', 'lib0', '@y/websocket-server', 'postgres', 'drizzle-orm']) {
    try {
      out[p] = JSON.parse(readFileSync(new URL(`../../node_modules/${p}/package.json`, import.meta.url), 'utf8')).version
    } catch {
      out[p] = '?'
    }
  }
  return out
}
