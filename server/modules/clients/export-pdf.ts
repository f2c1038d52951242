import { scriptRuns } from '../../pdf/faces'
import { openPdf } from '../../pdf/open'
import { isMessageId, type MessageId, type MessageParams } from '../../../domain/i18n/catalogue'
import { formatDate, formatDateTime, formatDay, formatMoney, type Currency } from '../../../domain/i18n/format'
import type { Locale } from '../../../domain/i18n/locales'
import { translatorFor } from '../../../domain/i18n/translator'
import { renderAlertMessage } from '../alerts/index'
import type { ClientExport } from './data-export'

/**
 * The fonts the PDF embeds (server/assets/fonts, SIL OFL): Noto Sans for Latin and Cyrillic, Noto
 * Sans Armenian for Armenian, never a system font. Each run of text takes the face of its script.
 */
export { scriptRuns } from '../../pdf/faces'

export interface PdfOptions {
  /** The reader's language (the request's). */
  locale: Locale
  /** The client's branch's time zone: dates as the branch reads them. */
  timeZone: string
}

/** A readable PDF of the export (personal data, guardians, file, observations, records, medical if permitted), in the reader's language. */
export function exportPdf(data: ClientExport, { locale, timeZone }: PdfOptions): Promise<Buffer> {
  const tr = translatorFor(locale)
  const t = (id: MessageId, params?: MessageParams) => tr.t(id, params)
  /** A stored value's label from the catalogue (`clients.status.active`), else the value itself. */
  const label = (value: unknown, ...prefixes: string[]): string => {
    if (typeof value === 'boolean') return t(value ? 'exports.yes' : 'exports.no')
    const text = typeof value === 'string' ? value : JSON.stringify(value)
    for (const p of prefixes) {
      const id = `${p}.${text}`
      if (isMessageId(id)) return t(id)
    }
    return text
  }
  const date = (d: Date | string | null | undefined) => (d ? formatDate(new Date(d), locale, timeZone) : '')
  const dateTime = (d: Date | string | null | undefined) => (d ? formatDateTime(new Date(d), locale, timeZone) : '')

  const name = `${data.client.firstName} ${data.client.lastName}`
  const { pdf, bytes } = openPdf({
    size: 'A4',
    margin: 50,
    lang: locale,
    info: { Title: t('exports.pdf.title', { name }) },
  })

  /** Text in the face of each script run; `continued` leaves the line open for more. */
  const write = (text: string, bold: boolean, continued = false) => {
    const runs = scriptRuns(text)
    if (runs.length === 0) runs.push({ text: '', armenian: false })
    runs.forEach((r, i) =>
      pdf
        .font(r.armenian ? (bold ? 'armenianBold' : 'armenian') : bold ? 'bold' : 'regular')
        .text(r.text, { continued: continued || i < runs.length - 1 }),
    )
  }
  const h = (text: string) => {
    pdf.moveDown(0.6).fontSize(13)
    write(text, true)
    pdf.fontSize(10).moveDown(0.2)
  }
  const line = (k: string, v: unknown) => {
    if (v === null || v === undefined || v === '') return
    write(`${k}: `, true, true)
    write(typeof v === 'string' ? v : typeof v === 'boolean' ? label(v) : JSON.stringify(v), false)
  }

  pdf.fontSize(18)
  write(name, true)
  pdf.fontSize(9).fillColor('#555')
  write(t('exports.pdf.lead', { at: dateTime(data.exportedAt), by: data.exportedBy }), false)
  pdf.fillColor('black')

  h(t('exports.pdf.personal'))
  const c = data.client
  line(t('clients.field.birthDate'), c.birthDate ? formatDay(c.birthDate, locale) : null)
  line(t('clients.field.phone'), c.phone)
  line(t('clients.field.email'), c.email)
  line(t('clients.field.status'), label(c.status, 'clients.status'))
  line(t('exports.pdf.leaveReason'), c.leaveReason ? label(c.leaveReason, 'clients.leaveReason') : null)
  line(t('clients.field.source'), c.source ? label(c.source, 'clients.source') : null)
  line(t('clients.field.consent'), c.consent)

  h(t('exports.pdf.guardians'))
  for (const g of data.guardians)
    line(
      t('exports.pdf.guardian', { name: g.name, relation: label(g.relation, 'clients.relation') }),
      [g.phone, g.email, t(g.canPickUp ? 'exports.pdf.mayPickUp' : 'exports.pdf.mayNotPickUp')].filter(Boolean).join(', '),
    )

  h(t('exports.pdf.file'))
  for (const [k, v] of Object.entries({ ...data.file.physical, ...data.file.traits }))
    line(label(k, 'clients.fileTab', 'clients.field'), k === 'fitnessLevel' ? label(v, 'clients.fitness') : v)
  line(t('exports.pdf.notes'), data.file.notes)

  h(t('exports.pdf.observations'))
  for (const o of data.file.observations) line(`${date(o.at)} ${o.authorName}`, o.text)

  h(t('exports.pdf.records'))
  for (const r of data.records)
    line(
      `${formatDay(r.date, locale)} ${label(r.kind, 'clients.recordKind')}`,
      `${r.title}${r.description ? ' — ' + r.description : ''}`,
    )

  h(t('exports.pdf.documents'))
  for (const d of data.documents) line(d.fileName, t('exports.pdf.document', { mime: d.mime, size: d.size, sha: d.sha256 }))

  if (data.medical) {
    h(t('exports.pdf.medical'))
    for (const [k, v] of Object.entries(data.medical.file as Record<string, unknown>)) line(label(k, 'clients.medical'), v)
  }

  h(t('exports.pdf.groups'))
  for (const g of data.groups)
    line(
      g.group ?? g.groupId,
      g.leftAt
        ? t('exports.pdf.joinedLeft', { joined: date(g.joinedAt), left: date(g.leftAt) })
        : t('exports.pdf.joined', { joined: date(g.joinedAt) }),
    )
  for (const w of data.waitingList)
    line(
      t('exports.pdf.waiting', { group: w.group ?? w.groupId }),
      t('exports.pdf.waitingSince', { status: w.status, since: date(w.addedAt) }),
    )

  h(t('exports.pdf.attendance'))
  for (const a of data.attendance)
    line(
      a.startsAt ? dateTime(a.startsAt) : a.lessonId,
      [
        label(a.status, 'timetable.attendance'),
        a.grade != null ? t('exports.pdf.grade', { grade: a.grade }) : '',
        a.comment ?? '',
      ]
        .filter(Boolean)
        .join(', '),
    )

  h(t('exports.pdf.visits'))
  for (const v of data.visits) {
    const status = label(v.status, 'timetable.attendance')
    line(date(v.at), v.sign < 0 ? t('exports.pdf.reversed', { status }) : status)
  }
  for (const m of data.makeUpCredits)
    line(
      t('exports.pdf.makeUp'),
      m.usedLessonId
        ? t('exports.pdf.makeUpUsed', { from: m.fromLessonId, used: m.usedLessonId })
        : t('exports.pdf.makeUpFrom', { from: m.fromLessonId }),
    )

  h(t('exports.pdf.passes'))
  for (const p of data.passes)
    line(
      p.plan ?? p.planId,
      p.sessionsTotal === null
        ? t('exports.pdf.passUnlimited', { from: formatDay(p.startsOn, locale), until: formatDay(p.validUntil, locale) })
        : t('exports.pdf.pass', {
            from: formatDay(p.startsOn, locale),
            until: formatDay(p.validUntil, locale),
            used: p.sessionsUsed,
            total: p.sessionsTotal,
          }),
    )
  for (const i of data.invoices) {
    const money = (minor: number) => formatMoney(minor, i.currency as Currency, locale)
    line(
      t('exports.pdf.invoice', { number: `${i.year}-${i.number}`, on: formatDay(i.issuedOn, locale) }),
      t(i.cancelledAt ? 'exports.pdf.invoiceCancelled' : 'exports.pdf.invoiceTotal', {
        total: money(i.total),
        tax: money(i.tax),
      }),
    )
    for (const p of data.payments.filter((x) => x.invoiceId === i.id))
      line(t('exports.pdf.payment', { on: formatDay(p.day, locale) }), money(p.amount))
    for (const r of data.refunds.filter((x) => x.invoiceId === i.id))
      line(t('exports.pdf.refund', { on: formatDay(r.day, locale) }), money(r.amount))
  }

  h(t('exports.pdf.alerts'))
  for (const a of data.alerts) line(date(a.raisedAt), renderAlertMessage(locale, a.messageId, a.params, a.message))

  h(t('exports.pdf.statusHistory'))
  for (const s of data.statusHistory)
    line(
      date(s.at),
      `${s.fromStatus ? label(s.fromStatus, 'clients.status') : '—'} › ${label(s.toStatus, 'clients.status')}${s.reason ? ' (' + label(s.reason, 'clients.leaveReason') + ')' : ''}${s.note ? ' · ' + s.note : ''}`,
    )

  h(t('exports.pdf.changeHistory'))
  write(t('exports.pdf.changeCounts', { edits: data.history.length, commands: data.audit.length }), false)
  pdf.end()
  return bytes
}
