import type { Locale } from '../../domain/i18n/locales'
import { scriptRuns } from './faces'
import { openPdf, type Pdf } from './open'

/** What a one-column document draws with: the page, text in the right face per script, label–amount rows, rules. */
export interface PdfPen {
  pdf: Pdf
  /** Writes text in the flow, each run of one script in its face (`continued` keeps the line open for more). */
  write: (text: string, bold?: boolean, opts?: { continued?: boolean }) => void
  /** A line with the label at the left and the amount right-aligned at the right margin (a new page when full). */
  row: (label: string, amount: string, bold?: boolean) => void
  /** A thin rule across the page. */
  rule: () => void
  /** Text at a place on one line, each run of one script in its face (at `size` when given). */
  drawAt: (text: string, x: number, y: number, bold?: boolean, size?: number) => void
  /** How wide text is, each run in its face (at `size` when given, else the current size). */
  widthOf: (text: string, bold?: boolean, size?: number) => number
}

/** A document's page: A4 portrait with 50 pt margins unless said otherwise. */
export interface PdfPage {
  layout?: 'portrait' | 'landscape'
  margin?: number
}

const face = (armenian: boolean, bold: boolean) => (armenian ? (bold ? 'armenianBold' : 'armenian') : bold ? 'bold' : 'regular')

/**
 * An A4 document in the reader's language, drawn by `draw` with the embedded faces (Armenian runs in
 * their own, server/pdf/faces.ts): a receipt, a payslip. Resolves to its bytes once drawn.
 */
export async function renderPdf(locale: Locale, title: string, draw: (pen: PdfPen) => void, page: PdfPage = {}): Promise<Buffer> {
  const { pdf, bytes } = openPdf({
    size: 'A4',
    layout: page.layout ?? 'portrait',
    margin: page.margin ?? 50,
    lang: locale,
    info: { Title: title },
  })
  const left = pdf.page.margins.left
  const right = pdf.page.width - pdf.page.margins.right
  const write = (text: string, bold = false, opts: { continued?: boolean } = {}) => {
    const runs = scriptRuns(text)
    if (!runs.length) runs.push({ text: '', armenian: false })
    runs.forEach((r, i) =>
      pdf.font(face(r.armenian, bold)).text(r.text, { continued: (opts.continued ?? false) || i < runs.length - 1 }),
    )
  }
  const inFace = (armenian: boolean, bold: boolean, size?: number) => {
    pdf.font(face(armenian, bold))
    return size === undefined ? pdf : pdf.fontSize(size)
  }
  const widthOf = (text: string, bold = false, size?: number) =>
    scriptRuns(text).reduce((w, r) => w + inFace(r.armenian, bold, size).widthOfString(r.text), 0)
  const drawAt = (text: string, x: number, y: number, bold = false, size?: number) => {
    let at = x
    for (const r of scriptRuns(text)) {
      inFace(r.armenian, bold, size).text(r.text, at, y, { lineBreak: false })
      at += pdf.widthOfString(r.text)
    }
  }
  const row = (label: string, amount: string, bold = false) => {
    if (widthOf(label, bold) > right - left - widthOf(amount, bold) - 24) {
      write(label, bold)
      label = ''
    }
    if (pdf.y > pdf.page.height - pdf.page.margins.bottom - 20) pdf.addPage()
    const y = pdf.y
    drawAt(label, left, y, bold)
    drawAt(amount, right - widthOf(amount, bold), y, bold)
    pdf.x = left
    pdf.y = y + pdf.currentLineHeight(true)
  }
  const rule = () => {
    pdf.moveDown(0.4)
    pdf.moveTo(left, pdf.y).lineTo(right, pdf.y).lineWidth(0.5).strokeColor('#999999').stroke()
    pdf.moveDown(0.4)
  }
  draw({ pdf, write, row, rule, drawAt, widthOf })
  pdf.end()
  return bytes
}
