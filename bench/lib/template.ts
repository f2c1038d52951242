import { createDatabase, dropDatabase, urlFor } from './pg'
import { login, startClubroom, whoAmI } from './servers'

/**
 * A migrated, demo-seeded Clubroom database, made once per benchmark run by starting the real
 * server on an empty database (SEED_DEMO=1); every Clubroom run gets a fresh copy of it
 * (CREATE DATABASE … TEMPLATE), so no run sees another's documents.
 */
export interface Template {
  name: string
  ownerId: string
  /** Fresh copy; returns its name and URL. */
  clone(label: string): Promise<{ name: string; url: string; drop(): Promise<void> }>
  drop(): Promise<void>
}

let made: Promise<Template> | null = null

export function clubroomTemplate(): Promise<Template> {
  made ??= (async () => {
    const name = await createDatabase('tpl')
    const srv = await startClubroom({ databaseUrl: urlFor(name), cpu: null })
    let ownerId: string
    try {
      ownerId = (await whoAmI(srv.url, await login(srv.url, 'owner'))).id
    } finally {
      await srv.stop()
    }
    return {
      name,
      ownerId,
      async clone(label: string) {
        const copy = await createDatabase(label, name)
        return { name: copy, url: urlFor(copy), drop: () => dropDatabase(copy) }
      },
      drop: () => dropDatabase(name),
    }
  })()
  return made
}

export async function dropTemplate() {
  if (!made) return
  const t = await made.catch(() => null)
  made = null
  await t?.drop()
}
