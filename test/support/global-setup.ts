import type { TestProject } from 'vitest/node'
import { openDatabase } from '../../db/client'
import { sql as q } from 'drizzle-orm'
import { admin, pgAvailable, urlFor } from './pg'

declare module 'vitest' {
  export interface ProvidedContext {
    templateDb: string
  }
}

/** Databases of runs older than this are leftovers (a run crashed); younger ones may belong to a parallel run. */
const STALE_MS = 2 * 60 * 60 * 1000

/**
 * Migrates a template database once per run; each integration test file clones it
 * (CREATE DATABASE … TEMPLATE), so files are isolated and fast. Names carry the run's start time,
 * so parallel runs on one server never drop each other's databases. Without PostgreSQL the run fails.
 */
export default async function setup(project: TestProject) {
  if (!(await pgAvailable())) {
    throw new Error(
      `PostgreSQL is not reachable at ${process.env.TEST_DATABASE_URL ?? '127.0.0.1:5432'}; integration tests need it (start it or set TEST_DATABASE_URL).`,
    )
  }
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
  const template = `clubroom_tpl_${run}`
  const sql = admin()
  try {
    const old = await sql`select datname from pg_database where datname like 'clubroom_t%'`
    for (const { datname } of old) {
      const stamp = datname.startsWith('clubroom_tpl_')
        ? datname.slice(13, -4)
        : datname.startsWith('clubroom_t_')
          ? datname.slice(11).split('_')[0]
          : ''
      const at = parseInt(stamp, 36)
      const plausible = at > Date.UTC(2024, 0, 1) && at < Date.now() + 86_400_000
      if (!plausible || Date.now() - at > STALE_MS)
        await sql.unsafe(`drop database if exists "${datname}" with (force)`).catch(() => {})
    }
    await sql.unsafe(`create database "${template}"`)
  } finally {
    await sql.end()
  }
  const db = await openDatabase({ url: urlFor(template), max: 1 })
  await db.migrate()
  // test centers speak English (see speakEnglish in ./db.ts)
  await db.db.execute(q`update center_settings set default_locale = 'en'`)
  await db.close()
  project.provide('templateDb', template)
  return async () => {
    const s = admin()
    try {
      await s.unsafe(`drop database if exists "${template}" with (force)`)
    } finally {
      await s.end()
    }
  }
}
