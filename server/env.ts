import { z } from 'zod'

/**
 * The only reader of process.env. Parsed once at boot; a bad value stops startup with a
 * message naming the variable.
 */
const Env = z.object({
  /** Port the HTTP server (API, /yjs, Socket.IO) listens on. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Interface to bind; 0.0.0.0 inside containers. */
  HOST: z.string().min(1).default('0.0.0.0'),
  /** Real PostgreSQL; when unset an embedded PGlite database under DATA_DIR is used. */
  DATABASE_URL: z.string().url().optional(),
  /** Folder for the embedded database and uploaded files. */
  DATA_DIR: z.string().min(1).default('./data'),
  /** Enables several instances side by side (Socket.IO adapter, document fan-out). */
  REDIS_URL: z.string().url().optional(),
  /** Seed the demo center on an empty database (always on with the embedded database). */
  SEED_DEMO: z.enum(['0', '1', 'true', 'false']).optional(),
  /** The demo center's language and place: hy (Yerevan, AMD), ru (Moscow, RUB), en (Berlin, EUR). */
  SEED_LOCALE: z.enum(['hy', 'ru', 'en']).default('hy'),
  /** First owner on an empty real database without SEED_DEMO. */
  OWNER_LOGIN: z.string().min(2).max(64).optional(),
  OWNER_PASSWORD: z.string().min(8).optional(),
  /** The first owner's name as staff see it (default: the login; the owner can change it). */
  OWNER_NAME: z.string().trim().min(1).max(200).optional(),
  /** The public origin (https://crm.example.org) when behind a proxy; used for Origin checks and Secure cookies. */
  PUBLIC_URL: z.string().url().optional(),
  /** Session idle timeout and absolute lifetime, in minutes. */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(12 * 60),
  SESSION_MAX_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(7 * 24 * 60),
  /** A document's sync reply larger than this many bytes goes to the client in slices of about this size. */
  COLLAB_SYNC_SLICE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(16 * 1024 * 1024)
    .default(64 * 1024),
  /**
   * Shortest time between two group commits of live-document updates (ms): under a steady stream of
   * edits the updates of this long share one commit and one write per connection (0: no wait).
   */
  COLLAB_COMMIT_INTERVAL_MS: z.coerce.number().int().min(0).max(100).default(0),
  /** Folder for backups (default: DATA_DIR/backups); another disk, or shared storage with several instances. */
  BACKUP_DIR: z.string().min(1).optional(),
  /** Encrypts backups (AES-256-GCM, key derived by scrypt); the same key restores them. At least 16 characters. */
  BACKUP_KEY: z.string().min(16).optional(),
  /**
   * Bearer token for GET /metrics from elsewhere than this machine (Prometheus on another host:
   * `Authorization: Bearer <token>`). Without it, /metrics answers only local requests.
   */
  METRICS_TOKEN: z.string().min(16).optional(),
  /**
   * SMTP server that sends the center's mail (purchase orders to suppliers), as a URL:
   * `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465`. Without it nothing is
   * sent: the messages wait in the outbox (`GET /api/outbox`).
   */
  SMTP_URL: z
    .string()
    .url()
    .refine((v) => /^smtps?:\/\//.test(v), 'must start with smtp:// or smtps://')
    .optional(),
  /** The From of that mail (`Clubroom <orders@example.am>`); default `clubroom@` the SMTP server's host. */
  MAIL_FROM: z.string().trim().min(3).max(200).optional(),
  /** pino level. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('production'),
})

export type Config = z.infer<typeof Env> & { seedDemo: boolean }

export class ConfigError extends Error {}

/** Parses an environment (process.env by default) into a Config, or throws ConfigError naming each bad variable. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const picked: Record<string, string> = {}
  for (const key of Object.keys(Env.shape)) {
    const v = source[key]
    if (v !== undefined && v !== '') picked[key] = v
  }
  const parsed = Env.safeParse(picked)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`)
  }
  const env = parsed.data
  const seedDemo = env.DATABASE_URL
    ? env.SEED_DEMO === '1' || env.SEED_DEMO === 'true'
    : env.SEED_DEMO !== '0' && env.SEED_DEMO !== 'false'
  return { ...env, seedDemo }
}
