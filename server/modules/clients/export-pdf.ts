import PDFDocument from 'pdfkit'
import type { ClientExport } from './data-export'

/** A readable PDF of the export (personal data, guardians, file, observations, records, medical if permitted). */
export function exportPdf(data: ClientExport): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({
      size: 'A4',
      margin: 50,
      info: { Title: `Client data: ${data.client.firstName} ${data.client.lastName}` },
    })
    const chunks: Buffer[] = []
    pdf.on('data', (c: Buffer) => chunks.push(c))
    pdf.on('end', () => resolve(Buffer.concat(chunks)))
    pdf.on('error', reject)
    const h = (t: string) =>
      pdf.moveDown(0.6).font('Helvetica-Bold').fontSize(13).text(t).font('Helvetica').fontSize(10).moveDown(0.2)
    const line = (k: string, v: unknown) => {
      if (v === null || v === undefined || v === '') return
      pdf
        .font('Helvetica-Bold')
        .text(`${k}: `, { continued: true })
        .font('Helvetica')
        .text(typeof v === 'string' ? v : JSON.stringify(v))
    }
    pdf.fontSize(18).font('Helvetica-Bold').text(`${data.client.firstName} ${data.client.lastName}`)
    pdf
      .fontSize(9)
      .font('Helvetica')
      .fillColor('#555')
      .text(`Everything Clubroom stores about this client. Exported ${data.exportedAt} by ${data.exportedBy}.`)
      .fillColor('black')
    h('Personal data')
    for (const k of ['birthDate', 'phone', 'email', 'status', 'leaveReason', 'source', 'consent'] as const)
      line(k, (data.client as Record<string, unknown>)[k])
    h('Guardians')
    for (const g of data.guardians)
      line(
        `${g.name} (${g.relation})`,
        [g.phone, g.email, g.canPickUp ? 'may pick up' : 'may not pick up'].filter(Boolean).join(', '),
      )
    h('Client file')
    for (const [k, v] of Object.entries({ ...data.file.physical, ...data.file.traits })) line(k, v)
    line('Notes', data.file.notes)
    h('Observations')
    for (const o of data.file.observations) line(`${o.at.slice(0, 10)} ${o.authorName}`, o.text)
    h('Achievements, awards, penalties, certificates')
    for (const r of data.records) line(`${r.date} ${r.kind}`, `${r.title}${r.description ? ' — ' + r.description : ''}`)
    h('Documents')
    for (const d of data.documents) line(d.fileName, `${d.mime}, ${d.size} bytes, SHA-256 ${d.sha256}`)
    if (data.medical) {
      h('Medical file')
      for (const [k, v] of Object.entries(data.medical.file as Record<string, unknown>)) line(k, v)
    }
    h('Groups')
    for (const g of data.groups)
      line(
        g.group ?? g.groupId,
        `joined ${g.joinedAt.toISOString().slice(0, 10)}${g.leftAt ? `, left ${g.leftAt.toISOString().slice(0, 10)}` : ''}`,
      )
    for (const w of data.waitingList)
      line(`${w.group ?? w.groupId} (waiting list)`, `${w.status} since ${w.addedAt.toISOString().slice(0, 10)}`)
    h('Attendance')
    for (const a of data.attendance)
      line(
        a.startsAt?.toISOString().slice(0, 16).replace('T', ' ') ?? a.lessonId,
        [a.status, a.grade != null ? `grade ${a.grade}` : '', a.comment ?? ''].filter(Boolean).join(', '),
      )
    h('Visits')
    for (const v of data.visits) line(v.at.toISOString().slice(0, 10), `${v.status}${v.sign < 0 ? ' (reversed)' : ''}`)
    for (const m of data.makeUpCredits)
      line('Make-up credit', `from lesson ${m.fromLessonId}${m.usedLessonId ? `, used for ${m.usedLessonId}` : ''}`)
    h('Alerts')
    for (const a of data.alerts) line(a.raisedAt.toISOString().slice(0, 10), a.message)
    h('Status history')
    for (const s of data.statusHistory)
      line(s.at.toISOString().slice(0, 10), `${s.fromStatus ?? '—'} → ${s.toStatus}${s.reason ? ' (' + s.reason + ')' : ''}`)
    h('Change history')
    pdf.text(`${data.history.length} recorded edits of the client file; ${data.audit.length} recorded commands.`)
    pdf.end()
  })
}
