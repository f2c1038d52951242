import { createHash, randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import * as Y from 'yjs'
import { inject } from 'vitest'
import { queryRows, type Db } from '../../../db/client'
import { notesOf, physicalOf } from '../../../domain/docs/client-file'
import { medicalOf } from '../../../domain/docs/client-medical'
import { seedDemo } from '../../../server/boot/seed'
import { MODULES } from '../../../server/modules/index'
import { NOT_BACKED_UP } from '../../../server/modules/backups/archive/format'
import { loadDocRows } from '../../../server/realtime/collab/persistence'
import type { RunningServer } from '../../../server/server'
import { apiCaller } from '../../support/http'
import { admin, urlFor } from '../../support/pg'
import { connect, login, waitFor } from '../collab/helpers'

/**
 * A center that has lived a little, for the backup tests: the demo (made through the modules' real
 * commands and document edits), then, through a running server, a client registered, their file
 * and medical file edited live, a document uploaded, and another client erased (the trail's one
 * sanctioned rewrite: emptied updates, a snapshot, redacted audit rows).
 */
export async function seedCenter(db: Db): Promise<void> {
  await seedDemo(
    db,
    MODULES.flatMap((m) => (m.seed ? [m.seed] : [])),
    { locale: 'en' },
  )
}

export async function liveAFewMinutes(server: RunningServer): Promise<{ clientId: string; erasedId: string; pdf: Buffer }> {
  const call = apiCaller(server)
  const reception = await login(server, 'reception')
  const owner = await login(server, 'owner')
  const created = await call('POST', '/api/clients', reception, {
    firstName: 'Nare',
    lastName: 'Backupyan',
    birthDate: '2016-04-02',
    consent: true,
    guardians: [{ name: 'Ani Backupyan', relation: 'mother', phone: '+374 91 555123' }],
  })
  if (created.status !== 201) throw new Error(`register: ${created.status} ${created.text}`)
  const clientId = created.data.id as string
  const file = connect(server, reception, `client:${clientId}`)
  await file.synced()
  file.doc.transact(() => {
    notesOf(file.doc).insert(0, 'Loves chess; backed up and restored.')
    physicalOf(file.doc).set('limitations', 'None')
  })
  await waitFor(() => file.isSaved(), 5000, 'file saved')
  file.destroy()
  const manager = await login(server, 'manager')
  const med = connect(server, manager, `client-medical:${clientId}`)
  await med.synced()
  med.doc.transact(() => medicalOf(med.doc).set('allergies', 'Pollen'))
  await waitFor(() => med.isSaved(), 5000, 'medical saved')
  med.destroy()
  // a real upload: bytes that must come back identical
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(300_000), Buffer.from('\n%%EOF\n')])
  const form = new FormData()
  form.append('file', new Blob([pdf]), 'certificate.pdf')
  const up = await fetch(`${server.url}/api/clients/${clientId}/documents`, {
    method: 'POST',
    headers: { cookie: reception, origin: server.url },
    body: form,
  })
  if (up.status !== 201) throw new Error(`upload: ${up.status} ${await up.text()}`)
  // erase one demo client
  const list = await call('GET', '/api/clients?limit=5', owner)
  const erasedId = (list.data.items as Array<{ id: string }>).find((c) => c.id !== clientId)?.id as string
  const erased = await call('POST', `/api/clients/${erasedId}/erase`, owner, { reason: 'Asked to be forgotten' })
  if (erased.status !== 200) throw new Error(`erase: ${erased.status} ${erased.text}`)
  await new Promise((r) => setTimeout(r, 500)) // projections settle
  return { clientId, erasedId, pdf }
}

/**
 * Every table's row count and content (an md5 of its rows as JSON, in a fixed order, timestamps in
 * UTC), the backup machinery's own tables and the backup's own audit rows aside.
 */
export async function fingerprint(db: Db): Promise<Record<string, { rows: number; md5: string }>> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local timezone = 'UTC'`)
    const tables = await queryRows<{ name: string }>(
      tx,
      sql`select relname as name from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r' order by 1`,
    )
    const out: Record<string, { rows: number; md5: string }> = {}
    for (const { name } of tables) {
      if ((NOT_BACKED_UP as readonly string[]).includes(name)) continue
      const where = name === 'audit_log' ? sql`where t.action not like 'backups.%'` : sql``
      const [r] = await queryRows<{ rows: number; md5: string | null }>(
        tx,
        // (a row's writing transaction id, `xid`, is the old server's: a restore forgets it, see load.ts)
        sql`select count(*)::int as rows, md5(string_agg(j::text, E'\n' order by j::text)) as md5
          from ${sql.identifier(name)} t, lateral (select to_jsonb(t) - 'xid' as j) x ${where}`,
      )
      out[name] = { rows: r.rows, md5: r.md5 ?? '' }
    }
    return out
  })
}

/** Every document's state as it loads (latest snapshot + later updates): the hash of the encoded Y.Doc and of its content. */
export async function documentStates(db: Db): Promise<Record<string, string>> {
  const names = await queryRows<{ doc: string }>(
    db,
    sql`select doc from doc_updates union select doc from doc_snapshots order by 1`,
  )
  const out: Record<string, string> = {}
  for (const { doc: name } of names) {
    const rows = await loadDocRows(db, name)
    const doc = new Y.Doc()
    if (rows.snapshot) Y.applyUpdate(doc, rows.snapshot.state)
    for (const u of rows.updates) Y.applyUpdate(doc, u.update)
    const state = createHash('sha256').update(Y.encodeStateAsUpdate(doc)).digest('hex')
    const content = createHash('sha256')
      .update(JSON.stringify([...doc.share.keys()].sort().map((k) => [k, doc.share.get(k)?.toJSON()])))
      .digest('hex')
    out[name] = `${state}/${content}/${rows.lastSeq}`
    doc.destroy()
  }
  return out
}

/** A new, empty PostgreSQL database (no schema) on the test server, named so the test run's cleanup finds leftovers. */
export async function emptyPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const template = inject('templateDb')
  const name = `clubroom_t_${template.slice('clubroom_tpl_'.length, -4)}_${randomBytes(5).toString('hex')}`
  const sqlAdmin = admin()
  try {
    await sqlAdmin.unsafe(`create database "${name}"`)
  } finally {
    await sqlAdmin.end()
  }
  return {
    url: urlFor(name),
    drop: async () => {
      const s = admin()
      try {
        await s.unsafe(`drop database if exists "${name}" with (force)`)
      } finally {
        await s.end()
      }
    },
  }
}
