import pino from 'pino'

/** One error (or fatal) log entry, as the System screen lists them. */
export interface RecentError {
  /** ISO time. */
  at: string
  level: 'error' | 'fatal'
  /** The log line's message (developers' English, as in the log). */
  message: string
  /** The error's own message, when one was logged (`{ err }`). */
  error?: string
}

/** How many error entries each logger keeps in memory. */
export const RECENT_ERRORS = 50

const recent = new WeakMap<object, RecentError[]>()

/**
 * Structured JSON logs (to stdout, or `destination`). Each logger keeps its last RECENT_ERRORS
 * error and fatal entries in memory (`recentErrors(logger)`; its children's too), for the
 * owner's System screen.
 */
export function createLogger(level: string, destination?: pino.DestinationStream) {
  const errors: RecentError[] = []
  const logger = pino(
    {
      level,
      base: { service: 'clubroom' },
      timestamp: pino.stdTimeFunctions.isoTime,
      hooks: {
        logMethod(args, method, num) {
          if (num >= 50) remember(errors, num, args)
          method.apply(this, args)
        },
      },
    },
    destination,
  )
  recent.set(logger, errors)
  return logger
}
export type Logger = ReturnType<typeof createLogger>

/** The logger's last error and fatal entries, oldest first (empty for a logger not made here). */
export const recentErrors = (logger: Logger): readonly RecentError[] => recent.get(logger) ?? []

function remember(errors: RecentError[], num: number, args: readonly unknown[]) {
  const [first, second] = args
  const obj = typeof first === 'object' && first !== null ? (first as { err?: unknown; msg?: unknown }) : null
  const message = String(obj ? (typeof second === 'string' ? second : (obj.msg ?? '')) : first).slice(0, 500)
  const err = first instanceof Error ? first : obj?.err
  const entry: RecentError = { at: new Date().toISOString(), level: num >= 60 ? 'fatal' : 'error', message }
  if (err !== undefined) entry.error = String(err instanceof Error ? err.message : err).slice(0, 500)
  errors.push(entry)
  if (errors.length > RECENT_ERRORS) errors.shift()
}
