import { sql } from 'drizzle-orm'
import type { Tx } from '../../../db/client'
import type { SeedContext } from '../../contracts/seed'

/**
 * The reports' step of the demo seed, last of all: the other steps ran every command today, so
 * the inflow report would see every client registered this month. Like the passes' invoices (dated
 * on their sale day), the clients' history is dated into the past here — no new facts, only when
 * they happened, deterministic (the clients in name order):
 * - a client with passes registered 3 to 23 days before their first pass was bought (those who came
 *   for a trial first bought it that many days after); one without, on a day of the last eleven months;
 * - their first status dates from then, a trial's "active" from their first pass's day, a pause
 *   a month on (before today), and leaving the center the day they were taken out of their group
 *   (the timetable's step), or two months after they came.
 */
export async function seedReports(tx: Tx, _ctx: SeedContext): Promise<void> {
  await tx.execute(sql`
    with firsts as (
      select p.client_id, min(coalesce(i.issued_on, p.starts_on)) as first_day
      from passes p left join invoices i on i.id = p.invoice_id group by 1),
    ordered as (
      select c.id, f.first_day,
             row_number() over (order by c.last_name, c.first_name, c.birth_date nulls first, c.phone nulls first, c.id) as n
      from clients c left join firsts f on f.client_id = c.id)
    update clients c set created_at = case
        when o.first_day is not null then (o.first_day - (3 + (o.n * 7) % 21)::int)::timestamp + interval '11 hours'
        else (current_date - (5 + (o.n * 29) % 330)::int)::timestamp + interval '11 hours' end
    from ordered o where o.id = c.id`)
  await tx.execute(sql`
    with firsts as (
      select p.client_id, min(coalesce(i.issued_on, p.starts_on)) as first_day
      from passes p left join invoices i on i.id = p.invoice_id group by 1),
    outs as (select client_id, max(left_at) as left_at from group_members where left_at is not null group by 1),
    rows as (
      select h.id, h.client_id, h.from_status, h.to_status,
             row_number() over (partition by h.client_id order by h.id) as rn
      from client_status_history h)
    update client_status_history h set at = case
        when r.rn = 1 then c.created_at
        when r.from_status = 'trial' and r.to_status = 'active'
          then coalesce(f.first_day::timestamp + interval '12 hours', c.created_at + interval '7 days')
        when r.to_status = 'left'
          then greatest(c.created_at + interval '1 day', coalesce(o.left_at, least(now() - interval '3 days', c.created_at + interval '60 days')))
        else greatest(c.created_at + interval '1 day', least(now() - interval '2 days', c.created_at + interval '30 days')) end
    from rows r join clients c on c.id = r.client_id
    left join firsts f on f.client_id = r.client_id left join outs o on o.client_id = r.client_id
    where r.id = h.id`)
}
