import { inflateSync } from 'node:zlib'

/**
 * A small PDF reader for tests, enough for pdfkit's output (Type0 fonts, Identity-H, ToUnicode
 * CMaps): the text of every page, each font's glyphs read back through its ToUnicode map, one line
 * per text object (a run of one script is its own object), and the embedded fonts' names. The same
 * reader as the client export's test (test/integration/exports/exports-languages.integration.test.ts).
 */

interface PdfObject {
  dict: string
  stream: Buffer | null
}

function pdfObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1')
  const objects = new Map<number, PdfObject>()
  const re = /(\d+) 0 obj\s*([\s\S]*?)endobj/g
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const body = m[2]
    const s = body.indexOf('stream')
    if (s < 0) {
      objects.set(Number(m[1]), { dict: body, stream: null })
      continue
    }
    const dict = body.slice(0, s)
    const start = m.index + m[0].indexOf(body) + s + 'stream'.length + (body[s + 6] === '\r' ? 2 : 1)
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1])
    const raw = pdf.subarray(start, start + length)
    objects.set(Number(m[1]), { dict, stream: dict.includes('/FlateDecode') ? inflateSync(raw) : raw })
  }
  return objects
}

const utf16 = (hex: string) => {
  const units: number[] = []
  for (let i = 0; i < hex.length; i += 4) units.push(parseInt(hex.slice(i, i + 4), 16))
  return String.fromCharCode(...units)
}

function toUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>()
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1].matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*(\[[^\]]*\]|<[0-9a-f]+>)/gi)) {
      const from = parseInt(m[1], 16)
      const to = parseInt(m[2], 16)
      // (an entry may hold several code units, spaced: `<0066 0069>` for the "fi" ligature)
      if (m[3].startsWith('['))
        [...m[3].matchAll(/<([0-9a-f ]+)>/gi)].forEach((u, i) => map.set(from + i, utf16(u[1].replace(/ /g, ''))))
      else for (let c = from; c <= to; c++) map.set(c, String.fromCharCode(parseInt(m[3].slice(1, -1), 16) + c - from))
    }
  }
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const m of block[1].matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>/gi)) map.set(parseInt(m[1], 16), utf16(m[2]))
  return map
}

/** The text of every page (each font's glyphs through its ToUnicode map) and the names of the embedded fonts. */
export function pdfText(pdf: Buffer): { text: string; fonts: string[] } {
  const objects = pdfObjects(pdf)
  const fonts = [...objects.values()].flatMap((o) => /\/BaseFont \/([^\s/]+)/.exec(o.dict)?.[1] ?? [])
  let text = ''
  for (const page of [...objects.values()].filter((o) => /\/Type \/Page\b/.test(o.dict))) {
    const resources = /\/Resources (\d+) 0 R/.exec(page.dict)
    const resDict = resources ? objects.get(Number(resources[1]))!.dict : page.dict
    const fontRefs = new Map([...resDict.matchAll(/\/(F\d+) (\d+) 0 R/g)].map((m) => [m[1], Number(m[2])]))
    const maps = new Map(
      [...fontRefs].map(([name, ref]) => {
        const cmapRef = /\/ToUnicode (\d+) 0 R/.exec(objects.get(ref)!.dict)
        return [
          name,
          cmapRef ? toUnicode(objects.get(Number(cmapRef[1]))!.stream!.toString('latin1')) : new Map<number, string>(),
        ]
      }),
    )
    const contents = [...page.dict.matchAll(/\/Contents (\d+) 0 R/g)].map((m) =>
      objects.get(Number(m[1]))!.stream!.toString('latin1'),
    )
    for (const content of contents) {
      let map = new Map<number, string>()
      for (const op of content.matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]]*)\] TJ|(ET)/g)) {
        if (op[1]) map = maps.get(op[1]) ?? new Map()
        else if (op[3]) text += '\n'
        else
          for (const h of op[2].matchAll(/<([0-9a-f]+)>/gi))
            for (let i = 0; i < h[1].length; i += 4) text += map.get(parseInt(h[1].slice(i, i + 4), 16)) ?? '?'
      }
    }
  }
  return { text, fonts }
}

/** The text without any whitespace (an amount's grouping spaces, the runs' line breaks): for `toContain`. */
export const squash = (s: string) => s.replace(/\s+/gu, '')
