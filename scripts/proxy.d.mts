// Types of scripts/proxy.mjs for the TypeScript that imports it (tests).
export interface Proxy {
  port: number
  /** The instances whose /readyz last answered 200. */
  healthy(): string[]
  close(): Promise<void>
}
export function startProxy(opts: {
  listen: number
  host?: string
  /** host:port of each instance. */
  backends: string[]
  /** How often each instance's /readyz is asked (ms, default 1000). */
  healthMs?: number
  log?: (line: string) => void
}): Promise<Proxy>
