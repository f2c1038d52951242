import { openDatabase } from '../../db/client'
import { TEMPLATE_DB, admin, pgAvailable, urlFor } from './pg'

/**
 * Migrates a template database once; each integration test file clones it (CREATE DATABASE … TEMPLATE),
 * so files are isolated and fast. Without PostgreSQL the run fails (CI=true) or these files fail loudly.
 */
export default async function setup() {
  if (!(await pgAvailable())) {
    throw new Error(`PostgreSQL is not reachable at ${process.env.TEST_DATABASE_URL ?? '127.0.0.1:5432'}; integration tests need it (start it or set TEST_DATABASE_URL).`)
  }
  const sql = admin()
  try {
    // stale clones from earlier runs
    const stale = await sql`select datname from pg_database where datname like 'clubroom_t_%' or datname = ${TEMPLATE_DB}`
    for (const { datname } of stale) await sql.unsafe(`drop database if exists "${datname}" with (force)`)
    await sql.unsafe(`create database "${TEMPLATE_DB}"`)
  } finally {
    await sql.end()
  }
  const db = await openDatabase({ url: urlFor(TEMPLATE_DB), max: 1 })
  await db.migrate()
  await db.close()
}
