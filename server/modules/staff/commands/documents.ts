import { employeeDocuments } from '../../../../db/schema/index'
import type { Actor } from '../../../../domain/roles'
import { runCommand, type CommandContext } from '../../../http/command'
import { inspectUpload, type UploadRules } from '../../../http/upload'
import { loadEmployee } from '../queries/employees'
import { employeeChanged } from './employees'

/** An employee's documents: PDF, JPEG or PNG, their type judged by content. */
const DOCUMENTS: UploadRules = {
  accepted: { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' },
  fallbackName: 'document',
  messages: { empty: 'staff.fileEmpty', tooLarge: 'staff.fileTooLarge', type: 'staff.fileType' },
}

/** Files a document in an employee's file (`staff.document.attach`): a contract, a certificate; PDF, JPEG or PNG up to 10 MB. */
export async function attachEmployeeDocument(
  ctx: CommandContext,
  actor: Actor,
  employeeId: string,
  upload: { name: string; bytes: Uint8Array; kind: 'contract' | 'certificate' | 'other' },
) {
  const { bytes } = upload
  const { mime, size, sha256, fileName } = await inspectUpload(upload, DOCUMENTS)
  return runCommand(ctx, 'staff.document.attach', async (tx) => {
    const e = await loadEmployee(tx, employeeId)
    const [d] = await tx
      .insert(employeeDocuments)
      .values({
        employeeId,
        kind: upload.kind,
        fileName,
        mime,
        size,
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
