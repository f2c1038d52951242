import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MODULES } from '../modules/index'
import { ROOT } from '../paths'
import { PERMISSIONS_DOC, permissionsDoc } from './permissions-doc'

describe('docs/PERMISSIONS.md', () => {
  it('is what the modules’ policies say (run `npm run docs:permissions` after changing one)', async () => {
    const onDisk = readFileSync(join(ROOT, PERMISSIONS_DOC), 'utf8')
    expect(onDisk).toBe(await permissionsDoc(MODULES))
  })
  it('names every policy of every module once', async () => {
    const doc = await permissionsDoc(MODULES)
    const verbs = MODULES.flatMap((m) => (m.policies ?? []).map((p) => p.verb))
    expect(new Set(verbs).size).toBe(verbs.length)
    for (const verb of verbs) expect(doc).toContain(`| \`${verb}\``)
  })
})
