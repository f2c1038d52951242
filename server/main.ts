import { ConfigError, loadConfig } from './env'
import { createLogger } from './logger'
import { startServer } from './server'
import { DEMO_LOGINS, DEMO_PASSWORD } from './modules/users/index'

/** Boot: env → db → http → realtime; graceful shutdown on SIGTERM/SIGINT. */
async function main() {
  let config
  try {
    config = loadConfig()
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message)
      process.exit(2)
    }
    throw e
  }
  const logger = createLogger(config.LOG_LEVEL)
  let server
  try {
    server = await startServer({ config, logger })
  } catch (e) {
    logger.fatal({ err: e }, 'startup failed')
    console.error(`Clubroom could not start: ${(e as Error).message}`)
    process.exit(1)
  }
  const db = config.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.DATA_DIR}`
  const lines = [`\nClubroom is running on http://localhost:${server.port}  (database: ${db})`]
  if (config.seedDemo) lines.push(`Demo logins (password "${DEMO_PASSWORD}"): ${DEMO_LOGINS.join(', ')}`)
  console.log(lines.join('\n') + '\n')

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'shutting down')
    const force = setTimeout(() => process.exit(1), 15_000)
    force.unref()
    await server.close().catch((err) => logger.error({ err }, 'shutdown error'))
    process.exit(0)
  }
  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'))
}

void main()
