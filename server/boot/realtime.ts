import { sql } from 'drizzle-orm'
import { queryRows, type Database } from '../../db/client'
import type { SessionStore } from '../contracts/sessions'
import type { Config } from '../env'
import { alertAudience, alertRecipients } from '../modules/alerts/index'
import { sessionStore } from '../modules/auth/index'
import type { RealtimePorts } from '../realtime/attach'

/**
 * The interfaces the live parts (the app's session check, the document server, Socket.IO, the
 * session watch) are handed at boot, built from the modules' exports: they import no module and run
 * no SQL of their own.
 */

/** The sessions of this database (the auth module's). */
export function bootSessions(database: Database, config: Config): SessionStore {
  return sessionStore(database.db, config)
}

/** What Socket.IO needs: an alert's recipients (the alerts module's policy) and the channel name on a shared Redis. */
export function bootRealtimePorts(database: Database): RealtimePorts {
  return {
    alertRecipients: (alertId) => alertRecipients(database.db, alertId),
    alertAudience: (alertId) => alertAudience(database.db, alertId),
    async channelName() {
      const [row] = await queryRows<{ name: string }>(database.db, sql`select current_database() as name`)
      return row?.name ?? 'clubroom'
    },
  }
}
