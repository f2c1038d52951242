import { join } from 'node:path'
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

/** Registers the faces under their names (`regular`, `bold`, `armenian`, `armenianBold`). */
export function registerFaces(pdf: InstanceType<typeof PDFDocument>): void {
  for (const [name, file] of Object.entries(PDF_FACES)) pdf.registerFont(name, file)
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
