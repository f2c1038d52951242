import pino from 'pino'

/** Structured JSON logs. */
export function createLogger(level: string) {
  return pino({ level, base: { service: 'clubroom' }, timestamp: pino.stdTimeFunctions.isoTime })
}
export type Logger = ReturnType<typeof createLogger>
