import { count } from 'drizzle-orm'
import type { Database } from '../../db/client'
import { auditLog, users } from '../../db/schema/index'
import type { SeedStep } from '../contracts/seed'
import type { Config } from '../env'
import type { Logger } from '../logger'
import { hashPassword } from '../modules/auth/index'
import { MODULES } from '../modules/index'
import { seedDemo } from './seed'

/**
 * First start on an empty database: seed the demo center (embedded database, or SEED_DEMO=1) with
 * the modules' seed steps, or create the owner from OWNER_LOGIN / OWNER_PASSWORD; refuse to start
 * with neither.
 */
export async function bootstrapDatabase(
  database: Database,
  config: Config,
  logger: Logger,
  /** The demo's steps (default: every module's, in module order). */
  seedSteps: readonly SeedStep[] = MODULES.flatMap((m) => (m.seed ? [m.seed] : [])),
): Promise<'seeded' | 'owner' | 'existing'> {
  const { db } = database
  const [{ n }] = await db.select({ n: count() }).from(users)
  if (n > 0) return 'existing'
  if (config.seedDemo) {
    await seedDemo(db, seedSteps, { locale: config.SEED_LOCALE })
    logger.info('seeded the demo center')
    return 'seeded'
  }
  if (!config.OWNER_LOGIN || !config.OWNER_PASSWORD) {
    throw new Error(
      'The database has no users. Set OWNER_LOGIN and OWNER_PASSWORD to create the owner, or SEED_DEMO=1 for the demo center.',
    )
  }
  const login = config.OWNER_LOGIN.toLowerCase()
  const passwordHash = await hashPassword(config.OWNER_PASSWORD)
  const name = config.OWNER_NAME ?? config.OWNER_LOGIN
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({ login, name, roles: ['owner'], passwordHash })
      .returning({ id: users.id })
    await tx
      .insert(auditLog)
      .values({ action: 'system.create_owner', entity: 'user', entityId: row.id, after: { login: config.OWNER_LOGIN } })
  })
  logger.info({ login: config.OWNER_LOGIN }, 'created the owner')
  return 'owner'
}
