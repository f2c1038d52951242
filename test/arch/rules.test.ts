import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { cruise, type ICruiseResult, type IConfiguration } from 'dependency-cruiser'
import { describe, expect, it } from 'vitest'

/**
 * The architecture rules (.dependency-cruiser.cjs, run by `npm run arch` in CI) catch what they
 * are meant to: a small tree under ./fixture breaks each rule once, on purpose.
 */
const config = createRequire(import.meta.url)('../../.dependency-cruiser.cjs') as IConfiguration
const fixture = fileURLToPath(new URL('./fixture', import.meta.url))

async function violations(): Promise<string[]> {
  const result = await cruise(['client', 'db', 'domain', 'server'], {
    baseDir: fixture,
    ruleSet: { forbidden: config.forbidden },
    validate: true,
    tsPreCompilationDeps: true,
  })
  const output = result.output as ICruiseResult
  return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort()
}

describe('architecture rules', () => {
  it('refuse every forbidden import of the fixture, and nothing else', async () => {
    expect(await violations()).toEqual([
      'client-not-server: client/page.ts → server/app.ts',
      'db-not-server: db/seed.ts → server/app.ts',
      'domain-is-pure: domain/rule.ts → db/seed.ts',
      'modules-meet-at-their-index: server/modules/a/index.ts → server/modules/b/internal.ts',
      'no-cycles: server/one.ts → server/two.ts',
      'realtime-not-app-or-modules: server/realtime/hub.ts → server/app.ts',
    ])
  })
})
