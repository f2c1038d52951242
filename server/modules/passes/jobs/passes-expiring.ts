import { sql } from 'drizzle-orm'
import { queryRows, type Db } from '../../../../db/client'
import type { CommandEvent } from '../../../contracts/hooks'
import type { EventBus } from '../../../events/bus'
import { runCommand } from '../../../http/command'
import { defineJob } from '../../../jobs/index'
import { centerTimeZone } from '../../center/index'
import { passSettings, reviewPassAlerts, todayIn } from '../pass-alerts'

/**
 * The flags that come from the clock: a pass expiring within the settings' days is running out,
 * one past its last day is expired (and a flag whose cause went away meanwhile is cleared). Every
 * pass not ended whose last day is within a month before and the settings' days after today (in
 * its branch's time zone), and every pass with a flag open, is reviewed as it stands now, in one
 * transaction with its audit row (`passes.expiring`, naming how many were reviewed). `now` for tests.
 */
export async function reviewExpiringPasses(
  db: Db,
  events: EventBus,
  now = new Date(),
): Promise<{ reviewed: number; events: CommandEvent[] }> {
  const ctx = { db, events, actor: null, requestId: `job:passes.expiring:${now.toISOString()}`, audited: false }
  return runCommand(ctx, 'passes.expiring', async (tx) => {
    const { runningOutDays } = await passSettings(tx)
    const rows = await queryRows<{ id: string; tz: string | null }>(
      tx,
      sql`select p.id, b.timezone as tz from passes p left join branches b on b.id = p.branch_id
          where (p.ended_at is null and p.valid_until between ${now.toISOString()}::timestamptz::date - 31
                                                           and ${now.toISOString()}::timestamptz::date + ${runningOutDays + 1}::int)
             or exists (select 1 from alerts a where a.subject = 'pass:' || p.id and a.cleared_at is null
                          and a.kind in ('pass_running_out', 'pass_used_up', 'pass_expired'))
          order by p.id`,
    )
    // one `today` per time zone
    const byDay = new Map<string, string[]>()
    for (const r of rows) {
      const day = todayIn(r.tz, now)
      byDay.set(day, [...(byDay.get(day) ?? []), r.id])
    }
    const out: CommandEvent[] = []
    for (const [day, ids] of byDay)
      for (let i = 0; i < ids.length; i += 500) out.push(...(await reviewPassAlerts(tx, ids.slice(i, i + 500), null, day)))
    const changed = out.length
    return {
      result: { reviewed: rows.length, events: out },
      entity: 'passes',
      after: { reviewed: rows.length, flagsChanged: changed },
      events: out,
    }
  })
}

/** The daily job: at 00:05 in the center's time zone, once across instances. */
export const passesExpiringJob = defineJob({
  name: 'passes.expiring',
  async schedule(ctx) {
    return { cron: '5 0 * * *', timeZone: await centerTimeZone(ctx.database.db) }
  },
  async run(ctx) {
    await reviewExpiringPasses(ctx.database.db, ctx.events, ctx.now())
  },
})
