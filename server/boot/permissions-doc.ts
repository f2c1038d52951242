import { join } from 'node:path'
import { format, resolveConfig } from 'prettier'
import { READ_ONLY_ROLES, ROLES } from '../../domain/roles'
import type { Module } from '../modules/module'
import { ROOT } from '../paths'

/** Where the generated table lives (from the repository root). */
export const PERMISSIONS_DOC = 'docs/PERMISSIONS.md'

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ')

/**
 * docs/PERMISSIONS.md from the modules' policies: per area, a role × verb table with the rule in
 * words beside it. Formatted as Prettier would (the tree is checked with it).
 * @example await permissionsDoc(MODULES) // '# Who may do what\n…'
 */
export async function permissionsDoc(modules: readonly Module[]): Promise<string> {
  const lines = [
    '# Who may do what',
    '',
    '<!-- Generated from the modules’ policies by `npm run docs:permissions`; do not edit by hand (a test fails when it is out of date). -->',
    '',
    'Each row is one thing staff do, named as they would say it, from the policies each area declares in',
    '`server/modules/<area>/policies.ts` (see `server/policies/policy.ts`). ✓: a role that may, within the rule beside it',
    '(“their branches”: the branches the account works in; an account with no branch list works in every branch).',
    '“Changes” says whether it changes anything: no policy that does is given to a read-only role',
    `(${READ_ONLY_ROLES.join(', ')}) apart from their own workspace, their own session and the audit area.`,
    '',
  ]
  for (const m of modules) {
    const policies = m.policies ?? []
    if (!policies.length) continue
    lines.push(`## ${m.name}`, '')
    lines.push(`| Verb | What | Changes | ${ROLES.join(' | ')} | Rule |`)
    lines.push(`| --- | --- | --- | ${ROLES.map(() => ':-:').join(' | ')} | --- |`)
    for (const p of policies) {
      const roles = ROLES.map((r) => (p.roles.includes(r) ? '✓' : ''))
      lines.push(
        `| \`${p.verb}\` | ${cell(p.description)} | ${p.writes ? 'yes' : ''} | ${roles.join(' | ')} | ${cell(p.ruleText ?? '')} |`,
      )
    }
    lines.push('')
  }
  const config = (await resolveConfig(join(ROOT, PERMISSIONS_DOC))) ?? {}
  return format(lines.join('\n'), { ...config, parser: 'markdown' })
}
