/**
 * Finds user-visible text written into Lit templates instead of coming from the catalogues: the
 * static parts of every html`…` / svg`…` / staticHtml`…` template, their text nodes with letters
 * (any script) and the attributes people read (title, placeholder, aria-label, label, alt, heading,
 * emptyText, loadingText) holding literal letters. Expressions (`${t('…')}`) are not text.
 */

/** One literal text found in a template. */
export interface Literal {
  line: number
  kind: 'text' | 'attribute'
  text: string
}

const READ_ATTRIBUTES = ['title', 'placeholder', 'aria-label', 'label', 'alt', 'heading', 'emptytext', 'loadingtext']
const LETTER = /\p{L}/u
/** Stands for an expression inside the static text. */
const HOLE = '\u0001'

/** Skips a quoted string starting at `i` (the quote); returns the index after it. */
function skipString(src: string, i: number): number {
  const q = src[i]
  for (let j = i + 1; j < src.length; j++) {
    if (src[j] === '\\') j++
    else if (src[j] === q) return j + 1
  }
  return src.length
}

/** Skips an expression starting after `${`; returns the index after its closing `}`. */
function skipExpression(src: string, i: number): number {
  let depth = 1
  for (let j = i; j < src.length; j++) {
    const c = src[j]
    if (c === "'" || c === '"') j = skipString(src, j) - 1
    else if (c === '`') j = readTemplate(src, j + 1).end - 1
    else if (c === '/' && src[j + 1] === '/') j = src.indexOf('\n', j) === -1 ? src.length : src.indexOf('\n', j)
    else if (c === '/' && src[j + 1] === '*') j = src.indexOf('*/', j + 2) + 1 || src.length
    else if (c === '{') depth++
    else if (c === '}' && --depth === 0) return j + 1
  }
  return src.length
}

/** Reads a template literal starting after its backtick: its static text (expressions as HOLE) and where it ends. */
function readTemplate(src: string, i: number): { text: string; starts: number[]; end: number } {
  let text = ''
  const starts: number[] = [] // source index of each character of `text`
  for (let j = i; j < src.length; j++) {
    const c = src[j]
    if (c === '\\') {
      text += src[j + 1] ?? ''
      starts.push(j)
      j++
    } else if (c === '`') return { text, starts, end: j + 1 }
    else if (c === '$' && src[j + 1] === '{') {
      text += HOLE
      starts.push(j)
      j = skipExpression(src, j + 2) - 1
    } else {
      text += c
      starts.push(j)
    }
  }
  return { text, starts, end: src.length }
}

const lineAt = (src: string, index: number) => src.slice(0, index).split('\n').length

/** The literal texts of one template's static parts. */
function literalsOf(text: string, at: (k: number) => number): Literal[] {
  const found: Literal[] = []
  const visible = (s: string) =>
    s
      .replaceAll(HOLE, ' ')
      .replace(/&[a-z]+;|&#\d+;/gi, ' ')
      .trim()
  let k = 0
  while (k < text.length) {
    if (text.startsWith('<!--', k)) {
      const end = text.indexOf('-->', k)
      k = end === -1 ? text.length : end + 3
    } else if (text[k] === '<') {
      // a tag: look at its attributes, to the closing '>' (quotes may hold '>')
      let j = k + 1
      while (j < text.length && text[j] !== '>') j = text[j] === '"' || text[j] === "'" ? skipString(text, j) : j + 1
      const tag = text.slice(k, j)
      const name = /^<\s*([a-z][\w-]*)/i.exec(tag)?.[1]?.toLowerCase()
      for (const m of tag.matchAll(/(?:^|[\s])([a-zA-Z][\w-]*)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>"']+))/g)) {
        const value = m[3] ?? m[4] ?? m[5] ?? ''
        if (READ_ATTRIBUTES.includes(m[1].toLowerCase()) && LETTER.test(visible(value)))
          found.push({ line: at(k + (m.index ?? 0)), kind: 'attribute', text: `${m[1]}="${visible(value)}"` })
      }
      k = j + 1
      // the content of <style> and <script> is not text
      if (name === 'style' || name === 'script') {
        const close = text.indexOf(`</${name}`, k)
        k = close === -1 ? text.length : close
      }
    } else {
      const next = text.indexOf('<', k)
      const end = next === -1 ? text.length : next
      const words = visible(text.slice(k, end))
      if (LETTER.test(words)) found.push({ line: at(k), kind: 'text', text: words.replace(/\s+/g, ' ') })
      k = end
    }
  }
  return found
}

/** Is `index` inside a comment (a block comment, or a line that is a `//` or JSDoc line)? Examples in docs are not templates. */
function inComment(src: string, index: number): boolean {
  if (src.lastIndexOf('/*', index) > src.lastIndexOf('*/', index)) return true
  const line = src.slice(src.lastIndexOf('\n', index) + 1, index).trimStart()
  return line.startsWith('//') || line.startsWith('*')
}

/** Every literal user-visible text in the Lit templates of one source file. */
export function scanTemplates(src: string): Literal[] {
  const found: Literal[] = []
  for (const m of src.matchAll(/\b(?:html|svg|staticHtml)`/g)) {
    if (inComment(src, m.index ?? 0)) continue
    const start = (m.index ?? 0) + m[0].length
    const { text, starts } = readTemplate(src, start)
    found.push(...literalsOf(text, (k) => lineAt(src, starts[k] ?? start)))
  }
  return found
}
