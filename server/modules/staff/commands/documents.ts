import { createHash } from 'node:crypto'
import { fileTypeFromBuffer } from 'file-type'
import { employeeDocuments } from '../../../../db/schema/index'
import type { Actor } from '../../../../domain/roles'
import { ValidationError, msg } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import { loadEmployee } from '../queries/employees'
import { employeeChanged } from './employees'

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
/** Types accepted, judged by content (magic bytes), never by the file name. */
const ACCEPTED: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' }

const safeName = (name: string) =>
  name
    .normalize('NFC')
    .replace(/[^\p{L}\p{M}\p{N}_.\- ]+/gu, '_')
    .slice(0, 150)
    .trim() || 'document'

/** Files a document in an employee's file (`staff.document.attach`): a contract, a certificate; PDF, JPEG or PNG up to 10 MB. */
export async function attachEmployeeDocument(
  ctx: CommandContext,
  actor: Actor,
  employeeId: string,
  upload: { name: string; bytes: Uint8Array; kind: 'contract' | 'certificate' | 'other' },
) {
  const { bytes } = upload
  if (bytes.byteLength === 0) throw ValidationError({ file: 'staff.fileEmpty' })
  if (bytes.byteLength > MAX_DOCUMENT_BYTES)
    throw ValidationError({ file: msg('staff.fileTooLarge', { megabytes: MAX_DOCUMENT_BYTES / 1024 / 1024 }) })
  const type = await fileTypeFromBuffer(bytes)
  if (!type || !ACCEPTED[type.mime]) throw ValidationError({ file: 'staff.fileType' })
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  const fileName = safeName(upload.name).replace(/\.[^.]*$/, '') + '.' + ACCEPTED[type.mime]
  return runCommand(ctx, 'staff.document.attach', async (tx) => {
    const e = await loadEmployee(tx, employeeId)
    const [d] = await tx
      .insert(employeeDocuments)
      .values({
        employeeId,
        kind: upload.kind,
        fileName,
        mime: type.mime,
        size: bytes.byteLength,
        sha256,
        data: bytes,
        createdBy: actor.id,
      })
      .returning({
        id: employeeDocuments.id,
        kind: employeeDocuments.kind,
        fileName: employeeDocuments.fileName,
        mime: employeeDocuments.mime,
        size: employeeDocuments.size,
        createdAt: employeeDocuments.createdAt,
      })
    return {
      result: d,
      entity: 'employee',
      entityId: employeeId,
      after: { document: { ...d, sha256 } },
      events: [employeeChanged(e, 'document')],
    }
  })
}
