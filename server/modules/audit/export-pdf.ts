import { ARMENIAN, SPACE, type PdfFace } from '../../pdf/faces'
import { openPdf } from '../../pdf/open'
import type { PlainFormat } from '../../../domain/audit/plain-change'
import { formatNumber } from '../../../domain/i18n/format'
import type { FeedItem } from './feed'
import { areaWord, entityWord, sentencesOf, subjectWord, whatWord, whenWord, whoWord } from './export-words'

/**
 * The audit report as PDF (issue #16): the window, who closed the audit and their note, counts per
 * area and per author, the documents most changed, the queried changes with their comments and
 * assignees, then every change (when, who, subject, the plain sentences the Audit screens show),
 * "page N of M" in the footer. Embedded Noto faces (server/assets/fonts, SIL OFL): Noto Sans for
 * Latin and Cyrillic, Noto Sans Armenian for Armenian; a character neither face has is replaced by
 * a near one (→ by ›), never drawn as a box.
 */

/** Characters the embedded faces lack, and what stands in for them. */
const STAND_IN: Record<string, string> = { '\u2192': '›', '\u2212': '-', '\u2190': '‹', '\u21d2': '›' }
interface Glyphs {
  hasGlyphForCodePoint(cp: number): boolean
}

export interface ReportSummary {
  total: number
  byArea: Record<string, number>
  byActor: Array<{ id: string | null; login: string | null; count: number }>
  topDocuments: Array<{ doc: string; count: number; label: string | null }>
  queried: number
}

export interface ReportData {
  /** The closed audit's number; null: the open one (or any other window). */
  checkpointId: number | null
  /** "Since the audit closed … by …, until now (the audit is open)". */
  window: string
  closed: { at: Date; who: string | null; note: string | null } | null
  made: { at: Date; who: string }
  summary: ReportSummary
  queried: FeedItem[]
  /** Every change of the window, oldest first, in batches (at most `cap`). */
  changes: AsyncIterable<FeedItem[]>
  /** How many changes the detailed list leaves out (the rest are in the CSV). */
  more: (listed: number) => number
}

const UUID_LIKE = /[0-9a-f]{8}-[0-9a-f]{4}-/i

/** A document nothing labels: the kind of document, with its key unless that is a bare id. */
function documentWord(doc: string, f: PlainFormat): string {
  const at = doc.indexOf(':')
  const word = entityWord(at > 0 ? doc.slice(0, at) : doc, f)
  const key = at > 0 ? doc.slice(at + 1) : ''
  return key && !UUID_LIKE.test(key) ? `${word} · ${key}` : word
}

/** Renders the report; resolves with the whole file. */
export async function auditReportPdf(data: ReportData, f: PlainFormat): Promise<Buffer> {
  const t = f.t
  const title =
    data.checkpointId === null ? t('auditReport.pdf.title') : t('auditReport.pdf.titleClosed', { id: data.checkpointId })
  // drawn while the trail is read in batches: its own faces (server/pdf/faces.ts)
  const { pdf, bytes: done } = openPdf(
    {
      size: 'A4',
      margin: 50,
      bufferPages: true,
      lang: f.locale,
      info: { Title: title },
    },
    { waits: true },
  )
  const glyphs = (face: PdfFace): Glyphs | null => {
    pdf.font(face)
    const font = (pdf as unknown as { _font?: { font?: Partial<Glyphs> } })._font?.font
    return typeof font?.hasGlyphForCodePoint === 'function' ? (font as Glyphs) : null
  }
  const latin = glyphs('regular')
  const armenian = glyphs('armenian')
  const has = (g: Glyphs | null, ch: string) => (g ? g.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0) : true)

  /** A text cut into runs of one face; characters neither face has are stood in for. */
  const runs = (text: string): Array<{ text: string; armenian: boolean }> => {
    const out: Array<{ text: string; armenian: boolean }> = []
    for (const raw of text) {
      const ch = has(latin, raw) || has(armenian, raw) || ARMENIAN.test(raw) ? raw : (STAND_IN[raw] ?? '?')
      const last = out[out.length - 1]
      const arm = SPACE.test(ch) && last ? last.armenian : ARMENIAN.test(ch) || (!has(latin, ch) && has(armenian, ch))
      if (last && last.armenian === arm) last.text += ch
      else out.push({ text: ch, armenian: arm })
    }
    return out
  }
  const left = pdf.page.margins.left
  const width = () => pdf.page.width - pdf.page.margins.left - pdf.page.margins.right

  /** Writes a paragraph in the flow, each run in its face. */
  const write = (text: string, o: { bold?: boolean; size?: number; indent?: number; color?: string; gap?: number } = {}) => {
    const parts = runs(text)
    if (!parts.length) parts.push({ text: ' ', armenian: false })
    pdf.fontSize(o.size ?? 9).fillColor(o.color ?? 'black')
    const x = left + (o.indent ?? 0)
    const w = width() - (o.indent ?? 0)
    parts.forEach((r, i) => {
      const face = r.armenian ? (o.bold ? 'armenianBold' : 'armenian') : o.bold ? 'bold' : 'regular'
      pdf.font(face)
      if (i === 0) pdf.text(r.text, x, pdf.y, { width: w, continued: i < parts.length - 1 })
      else pdf.text(r.text, { continued: i < parts.length - 1 })
    })
    pdf.fillColor('black')
    if (o.gap) pdf.moveDown(o.gap)
  }
  const heading = (text: string) => {
    pdf.moveDown(0.8)
    write(text, { bold: true, size: 13, gap: 0.3 })
  }
  /** A line of a table of counts: the label at the left, the number at the right margin. */
  const count = (label: string, n: number) => {
    if (pdf.y > pdf.page.height - pdf.page.margins.bottom - 20) pdf.addPage()
    const y = pdf.y
    pdf.font('regular').fontSize(10)
    const numberWidth = 70
    const parts = runs(label)
    parts.forEach((r, i) => {
      pdf.font(r.armenian ? 'armenian' : 'regular')
      if (i === 0)
        pdf.text(r.text, left + 10, y, { width: width() - numberWidth - 10, continued: i < parts.length - 1, lineBreak: false })
      else pdf.text(r.text, { continued: i < parts.length - 1, lineBreak: false })
    })
    pdf.font('regular').text(formatNumber(n, f.locale), left + width() - numberWidth, y, { width: numberWidth, align: 'right' })
    pdf.x = left
  }
  const who = (login: string | null | undefined) => login || t('auditReport.system')

  // the title, the window, who closed it
  write(title, { bold: true, size: 18, gap: 0.3 })
  write(data.window, { size: 11, gap: 0.2 })
  if (data.closed) {
    write(t('auditReport.pdf.closed', { at: whenWord(data.closed.at, f), who: who(data.closed.who) }), { size: 10 })
    if (data.closed.note) write(t('auditReport.pdf.note', { note: data.closed.note }), { size: 10 })
  }
  write(t('auditReport.pdf.made', { at: whenWord(data.made.at, f), who: data.made.who }), { size: 8, color: '#555555' })

  // counts
  const s = data.summary
  heading(t('auditReport.pdf.total', { count: s.total }))
  write(t('auditReport.pdf.byArea'), { bold: true, size: 10, gap: 0.2 })
  if (!Object.keys(s.byArea).length) write(t('auditReport.pdf.none'), { size: 10, indent: 10 })
  for (const [area, n] of Object.entries(s.byArea)) count(areaWord(area, f), n)
  pdf.moveDown(0.5)
  write(t('auditReport.pdf.byActor'), { bold: true, size: 10, gap: 0.2 })
  if (!s.byActor.length) write(t('auditReport.pdf.none'), { size: 10, indent: 10 })
  for (const a of s.byActor) count(who(a.login), a.count)
  pdf.moveDown(0.5)
  write(t('auditReport.pdf.topDocuments'), { bold: true, size: 10, gap: 0.2 })
  if (!s.topDocuments.length) write(t('auditReport.pdf.none'), { size: 10, indent: 10 })
  for (const d of s.topDocuments) count(d.label ?? documentWord(d.doc, f), d.count)

  /** One change: a line saying when, who, what and on what, then its sentences. */
  const change = (item: FeedItem, withMark: boolean) => {
    if (pdf.y > pdf.page.height - pdf.page.margins.bottom - 40) pdf.addPage()
    write(
      `${formatNumber(item.id, f.locale)} · ${whenWord(item.at, f)} · ${whoWord(item, f)} · ${areaWord(item.area, f)} · ${whatWord(item, f)} · ${subjectWord(item, f)}`,
      { bold: true, size: 8.5 },
    )
    for (const line of sentencesOf(item, f)) write(line, { size: 8.5, indent: 12 })
    const m = item.mark
    if (withMark && m) {
      if (m.status === 'queried') {
        write(t('auditReport.pdf.queriedBy', { who: who(m.by?.login), at: whenWord(m.at, f) }), {
          size: 8.5,
          indent: 12,
          color: '#9a3412',
        })
        if (m.comment) write(t('auditReport.pdf.comment', { comment: m.comment }), { size: 8.5, indent: 12, color: '#9a3412' })
        if (m.assignee)
          write(t('auditReport.pdf.assignee', { who: m.assignee.login }), { size: 8.5, indent: 12, color: '#9a3412' })
      } else write(t('auditReport.pdf.verifiedBy', { who: who(m.by?.login) }), { size: 8.5, indent: 12, color: '#166534' })
    }
    pdf.moveDown(0.3)
  }

  // the queried changes: what the follow-up is about
  heading(t('auditReport.pdf.queried', { count: data.queried.length }))
  if (!data.queried.length) write(t('auditReport.pdf.noQueried'), { size: 10 })
  for (const item of data.queried) change(item, true)

  // every change, oldest first
  heading(t('auditReport.pdf.changes'))
  let listed = 0
  for await (const batch of data.changes) {
    for (const item of batch) change(item, true)
    listed += batch.length
  }
  if (!listed) write(t('auditReport.pdf.none'), { size: 10 })
  const more = data.more(listed)
  if (more > 0) {
    pdf.moveDown(0.5)
    write(t('auditReport.pdf.more', { count: more }), { bold: true, size: 10 })
  }

  // "page N of M" at the foot of every page
  const range = pdf.bufferedPageRange()
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i)
    const bottom = pdf.page.margins.bottom
    pdf.page.margins.bottom = 0
    const text = t('auditReport.pdf.page', { page: i + 1, pages: range.count })
    const y = pdf.page.height - 32
    const parts = runs(text)
    const total = parts.reduce(
      (sum, r) =>
        sum +
        pdf
          .font(r.armenian ? 'armenian' : 'regular')
          .fontSize(8)
          .widthOfString(r.text),
      0,
    )
    let x = left + (width() - total) / 2
    for (const r of parts) {
      pdf
        .font(r.armenian ? 'armenian' : 'regular')
        .fontSize(8)
        .fillColor('#555555')
      pdf.text(r.text, x, y, { lineBreak: false })
      x += pdf.widthOfString(r.text)
    }
    pdf.page.margins.bottom = bottom
  }
  pdf.fillColor('black')
  pdf.end()
  return done
}
