import type { Locale } from '../../domain/i18n/locales'
import { renderPdf } from './document'

/** A column of a table document: its heading, which side its values keep to, and its share of the width. */
export interface PdfColumn {
  label: string
  align?: 'left' | 'right'
  /** Relative width (default 1). */
  weight?: number
}

/** A document that is mostly one table: a cash-desk day, a tax report, a payroll sheet, stock movements. */
export interface PdfTable {
  title: string
  /** Lines under the title (the branch, the period, a status). */
  lines?: readonly string[]
  columns: readonly PdfColumn[]
  /** The cells as text already in the reader's language (money formatted, days written). */
  rows: ReadonlyArray<readonly string[]>
  /** A bold last row (the totals); cells may be empty. */
  totals?: readonly string[]
  /** What the page says when there are no rows. */
  empty?: string
  /** Figures under the table: label and value, right-aligned. */
  summary?: ReadonlyArray<readonly [string, string]>
}

/**
 * A table as an A4 PDF in the reader's language (landscape when it has more than six columns):
 * the title and its lines, the headings repeated on every page, the rows, the totals in bold.
 * Each run of one script is drawn in its face (server/pdf/faces.ts); a cell too wide for its column
 * is set smaller, then cut with an ellipsis. Resolves to the bytes once drawn.
 */
export function renderTablePdf(locale: Locale, table: PdfTable): Promise<Buffer> {
  const page = { layout: table.columns.length > 6 ? ('landscape' as const) : ('portrait' as const), margin: 40 }
  return renderPdf(
    locale,
    table.title,
    ({ pdf, write, drawAt, widthOf }) => {
      const left = pdf.page.margins.left
      const right = pdf.page.width - pdf.page.margins.right
      const bottom = () => pdf.page.height - pdf.page.margins.bottom
      const SIZE = 8
      const GAP = 6
      const total = table.columns.reduce((n, c) => n + (c.weight ?? 1), 0)
      const usable = right - left - GAP * (table.columns.length - 1)
      const widths = table.columns.map((c) => (usable * (c.weight ?? 1)) / total)
      const xs = widths.map((_, i) => left + widths.slice(0, i).reduce((a, b) => a + b + GAP, 0))

      /** Draws one cell on the line at y: smaller when too wide (down to 6 pt), then cut. */
      const cell = (text: string, i: number, y: number, bold: boolean) => {
        const width = widths[i]
        let size = SIZE
        let shown = text
        while (size > 6 && widthOf(shown, bold, size) > width) size -= 0.5
        if (widthOf(shown, bold, size) > width) {
          const chars = [...shown]
          while (chars.length > 1 && widthOf(chars.join('') + '…', bold, size) > width) chars.pop()
          shown = chars.join('') + '…'
        }
        const w = widthOf(shown, bold, size)
        drawAt(shown, table.columns[i].align === 'right' ? xs[i] + width - w : xs[i], y, bold, size)
      }
      const lineHeight = SIZE * 1.6
      const line = (cells: readonly string[], bold: boolean) => {
        if (pdf.y + lineHeight > bottom()) {
          pdf.addPage()
          heading()
        }
        const y = pdf.y
        cells.forEach((text, i) => cell(text, i, y, bold))
        pdf.x = left
        pdf.y = y + lineHeight
      }
      const rule = () => {
        pdf
          .moveTo(left, pdf.y - 2)
          .lineTo(right, pdf.y - 2)
          .lineWidth(0.5)
          .strokeColor('#999999')
          .stroke()
      }
      function heading() {
        line(
          table.columns.map((c) => c.label),
          true,
        )
        rule()
      }

      pdf.fontSize(16)
      write(table.title, true)
      pdf.fontSize(10).moveDown(0.3)
      for (const l of table.lines ?? []) write(l)
      pdf.moveDown(0.8)
      pdf.x = left
      if (!table.rows.length && table.empty) {
        pdf.fontSize(10)
        write(table.empty)
      } else {
        heading()
        for (const r of table.rows) line(r, false)
        if (table.totals) {
          rule()
          line(table.totals, true)
        }
      }
      if (table.summary?.length) {
        pdf.moveDown(1)
        for (const [label, value] of table.summary) {
          if (pdf.y + lineHeight > bottom()) pdf.addPage()
          const y = pdf.y
          const size = 10
          drawAt(label, left, y, false, size)
          drawAt(value, right - widthOf(value, true, size), y, true, size)
          pdf.x = left
          pdf.y = y + size * 1.6
        }
      }
    },
    page,
  )
}
