import { randomUUID } from 'node:crypto'
import * as Y from 'yjs'
import { openDatabase } from '../../db/client'
import { guardianMap, guardiansOf, initClientFile, profileOf, traitsOf } from '../../domain/docs/client-file'
import { appendUpdates } from '../../server/realtime/collab/persistence'
import type { BenchContext, Target } from '../lib/context'
import { login, runNode, startClubroom, startReference } from '../lib/servers'
import { clubroomTemplate } from '../lib/template'

/**
 * Memory per idle-but-loaded small document: open 500 small client files (one stock provider
 * each, from a separate process) and divide the server's RSS growth by 500. Clubroom loads them
 * from PostgreSQL; the reference server receives the same content from the clients.
 */

function smallClientFile(i: number): Uint8Array {
  const doc = new Y.Doc()
  initClientFile(doc)
  doc.transact(() => {
    const p = profileOf(doc)
    p.set('firstName', `Mia${i}`)
    p.set('lastName', 'Weber')
    p.set('birthDate', '2016-04-12')
    p.set('phone', null)
    p.set('email', null)
    p.set('status', 'active')
    p.set('leaveReason', null)
    p.set('source', 'referral')
    p.set('consent', true)
    p.set('branchId', null)
    guardiansOf(doc).set(
      'g1',
      guardianMap({ name: 'Sabine Weber', relation: 'mother', phone: `+49 151 ${5550000 + i}`, email: null, canPickUp: true }),
    )
    traitsOf(doc).set('needs', 'Needs short breaks every 20 minutes')
    traitsOf(doc).set('perseverance', 3)
  })
  return Y.encodeStateAsUpdate(doc)
}

export async function runIdleMemory(ctx: BenchContext) {
  const count = ctx.quick ? 200 : 500
  const warmupCount = 10
  const ids = Array.from({ length: count + warmupCount }, () => randomUUID())
  const names = ids.map((id) => `client:${id}`)
  const common = { warmup: names.slice(0, warmupCount), names: names.slice(warmupCount), settleMs: 3000, afterCloseMs: 5000 }
  const results: Record<string, Record<string, unknown>> = {}

  const tpl = await clubroomTemplate()
  const db = await tpl.clone('idlemem')
  try {
    const database = await openDatabase({ url: db.url, max: 2 })
    try {
      await appendUpdates(
        database.db,
        names.map((doc, i) => ({ doc, lastSeq: 0, rows: [{ userId: tpl.ownerId, update: smallClientFile(i), changes: [] }] })),
        { verifySeq: false },
      )
    } finally {
      await database.close()
    }
    const srv = await startClubroom({ databaseUrl: db.url, cpu: 0 })
    try {
      const cookie = await login(srv.url, 'owner')
      const r = await runNode({
        script: 'bench/collab/open-many.ts',
        args: [
          JSON.stringify({
            ...common,
            wsBase: `ws://127.0.0.1:${srv.port}/yjs`,
            headers: { Cookie: cookie, Origin: srv.url },
            pid: srv.pid,
            laterMs: ctx.quick ? 0 : 30_000,
          }),
        ],
        cpu: 1,
        timeoutMs: 240_000,
      })
      results.clubroom = parse(r.stdout, r.stderr)
    } finally {
      await srv.stop()
    }
  } finally {
    await db.drop()
  }

  const ref = await startReference({ cpu: 0 })
  try {
    const r = await runNode({
      script: 'bench/collab/open-many.ts',
      args: [
        JSON.stringify({
          ...common,
          wsBase: `ws://127.0.0.1:${ref.port}`,
          headers: {},
          pid: ref.pid,
          seedUpdate: Buffer.from(smallClientFile(0)).toString('base64'),
          laterMs: 0,
        }),
      ],
      cpu: 1,
      timeoutMs: 240_000,
    })
    results.reference = parse(r.stdout, r.stderr)
  } finally {
    await ref.stop()
  }
  const c = results.clubroom as { kib_per_doc_open?: number | null }
  const rf = results.reference as { kib_per_doc_open?: number | null }
  const targets: Target[] = [
    {
      what: `memory per idle open small document (${count} docs, one idle connection each)`,
      limit: 'report (reference for comparison)',
      measured: `${c.kib_per_doc_open} KiB vs reference ${rf.kib_per_doc_open} KiB`,
      pass: null,
    },
  ]
  return { docs: count, doc_bytes: smallClientFile(0).length, results, targets }
}

function parse(stdout: string, stderr: string): Record<string, unknown> {
  const line = stdout
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .pop()
  return line ? (JSON.parse(line) as Record<string, unknown>) : { error: stderr.slice(-1500) }
}
