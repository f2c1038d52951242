import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { create, type Font } from 'fontkit'
import type PDFDocument from 'pdfkit'
import { ROOT } from '../paths'

/**
 * The faces every PDF embeds (server/assets/fonts, SIL OFL), never a system font: Noto Sans for
 * Latin and Cyrillic, Noto Sans Armenian for Armenian. A text is drawn in runs of one script, each
 * in the face that has its letters (the client's data export, invoices and receipts, the audit report).
 */
const FONTS = join(ROOT, 'server', 'assets', 'fonts')
export const PDF_FACES = {
  regular: join(FONTS, 'NotoSans-Regular.ttf'),
  bold: join(FONTS, 'NotoSans-Bold.ttf'),
  armenian: join(FONTS, 'NotoSansArmenian-Regular.ttf'),
  armenianBold: join(FONTS, 'NotoSansArmenian-Bold.ttf'),
} as const
export type PdfFace = keyof typeof PDF_FACES

/**
 * Each face read and parsed once per process: a document given the parsed font skips reading the
 * file and parsing its tables again (pdfkit takes a fontkit font as a source and subsets and embeds
 * it per document as it does a file). A month's document package draws two thousand PDFs: about
 * 55 ms each from the files, 7 ms from the parsed faces.
 */
let parsed: Record<PdfFace, Font> | undefined
function faces(): Record<PdfFace, Font> {
  parsed ??= Object.fromEntries(
    Object.entries(PDF_FACES).map(([name, file]) => [name, create(readFileSync(file)) as Font]),
  ) as Record<PdfFace, Font>
  return parsed
}

/**
 * Registers the faces under their names (`regular`, `bold`, `armenian`, `armenianBold`) and
 * selects `regular` (openPdf, ./open.ts, calls it for every document).
 *
 * A document drawn synchronously from here to its end shares the parsed faces. It starts with none
 * of a face's glyphs met: fontkit keeps a glyph with the characters it was first met for, and an
 * earlier document's subset meets some (a composite's parts) with none, which would leave them out
 * of this document's text map (faces.test.ts). A document that waits while it is drawn (the audit
 * report reads the trail in batches) passes `{ waits: true }` and reads the files for itself, so
 * that a document drawn meanwhile never touches its faces.
 */
export function registerFaces(pdf: InstanceType<typeof PDFDocument>, o: { waits?: boolean } = {}): void {
  if (o.waits) {
    for (const [name, file] of Object.entries(PDF_FACES)) pdf.registerFont(name, file)
    pdf.font('regular')
    return
  }
  for (const [name, font] of Object.entries(faces())) {
    ;(font as unknown as { _glyphs: object })._glyphs = {}
    // pdfkit's types name only files and bytes as a source; it takes a fontkit font as well
    pdf.registerFont(name, font as unknown as Uint8Array)
  }
  pdf.font('regular')
}

/** Armenian letters and punctuation, the dram sign and the Armenian ligatures (the Armenian face has little else: no digits, no Latin punctuation). */
export const ARMENIAN = /[\u0530-\u058F\uFB13-\uFB17]/u
/** Both faces have spaces: a space stays in the run it is in. */
export const SPACE = /\s/u

/**
 * A text cut into runs of one script: Armenian runs and the rest (Latin, Cyrillic), so that each
 * is drawn with a face that has its letters. Noto Sans has no U+2212 (the minus sign some
 * languages' numbers use): the hyphen-minus stands in.
 * @example scriptRuns('Աննա (Anna)') // [{ text: 'Աննա ', armenian: true }, { text: '(Anna)', armenian: false }]
 */
export function scriptRuns(text: string): Array<{ text: string; armenian: boolean }> {
  const runs: Array<{ text: string; armenian: boolean }> = []
  for (const ch of text.replace(/\u2212/gu, '-')) {
    const last = runs[runs.length - 1]
    const armenian = SPACE.test(ch) && last ? last.armenian : ARMENIAN.test(ch)
    if (last && last.armenian === armenian) last.text += ch
    else runs.push({ text: ch, armenian })
  }
  return runs
}
