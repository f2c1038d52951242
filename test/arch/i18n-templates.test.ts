import { readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { scanTemplates } from './i18n-templates'

/**
 * Text people read comes from the catalogues (domain/i18n/messages): no Lit template in
 * client/src may hold literal words. The files below are still to convert; the list only shrinks:
 * a file that is clean must leave it, a file not on it must stay clean.
 */
const STILL_TO_CONVERT = new Set<string>([])

const root = fileURLToPath(new URL('../../', import.meta.url))
const clientSrc = join(root, 'client/src')

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    if (e.isDirectory()) return sources(path)
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : []
  })
}

const findings = new Map(
  sources(clientSrc).map((path) => [relative(root, path).split('\\').join('/'), scanTemplates(readFileSync(path, 'utf8'))]),
)

describe('the templates’ text comes from the catalogues', () => {
  it('finds literal text nodes and read attributes (a fixture), not expressions, markup or symbols', () => {
    const fixture = [
      'html`<section aria-label="Filter the list"><h1>${t(\'users.page.title\')}</h1>',
      '  <p title=${label}>Loading users…</p>',
      "  <input placeholder='e.g. manager' /> <button aria-label=${t('common.close')}>✕</button>",
      '  <span class="chip ${cls}" data-id="abc">${n}</span> <div class="code">404</div> &nbsp; —',
      '  ${ok ? html`<em>Готово</em>` : nothing} <style>.x { color: red }</style><!-- a note -->',
      '  <crm-dialog heading="New user"></crm-dialog>`',
      '/** @example html`<p>Not scanned: documentation</p>` */',
      '// html`<p>Nor this</p>`',
    ].join('\n')
    expect(scanTemplates(fixture)).toEqual([
      { line: 1, kind: 'attribute', text: 'aria-label="Filter the list"' },
      { line: 2, kind: 'text', text: 'Loading users…' },
      { line: 3, kind: 'attribute', text: 'placeholder="e.g. manager"' },
      { line: 6, kind: 'attribute', text: 'heading="New user"' },
      { line: 5, kind: 'text', text: 'Готово' },
    ])
    expect(scanTemplates("html`<p>${t('common.save')}</p><a href=${x} title=${t('nav.users.label')}>${label}</a>`")).toEqual([])
  })

  it('finds none in the converted files', () => {
    const offending = [...findings]
      .filter(([file, literals]) => literals.length > 0 && !STILL_TO_CONVERT.has(file))
      .map(([file, literals]) => `${file}: ${literals.map((l) => `${l.line} ${l.text}`).join('; ')}`)
    expect(offending).toEqual([])
  })

  it('lists only files that still hold literal text (a converted file leaves the list)', () => {
    const clean = [...STILL_TO_CONVERT].filter((file) => !findings.get(file)?.length)
    expect(clean, 'converted: take these off STILL_TO_CONVERT in test/arch/i18n-templates.test.ts').toEqual([])
  })
})
