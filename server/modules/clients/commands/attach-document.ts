import { and, eq } from 'drizzle-orm'
import { attachments, clientRecords } from '../../../../db/schema/index'
import type { Actor } from '../../../../domain/roles'
import { ValidationError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import { inspectUpload, type UploadRules } from '../../../http/upload'
import { loadClient } from '../file-queries'

/** A client's documents: PDF, JPEG or PNG, their type judged by content. */
const DOCUMENTS: UploadRules = {
  accepted: { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' },
  fallbackName: 'document',
  messages: { empty: 'errors.clients.fileEmpty', tooLarge: 'errors.clients.fileTooLarge', type: 'errors.clients.fileType' },
}

/**
 * Attaches a document to a client's file, optionally to one of its records (`clients.attach`):
 * PDF, JPEG or PNG up to 10 MB, its type checked by content and its name given the type's extension.
 */
export async function attachClientDocument(
  ctx: CommandContext,
  actor: Actor,
  clientId: string,
  upload: { name: string; bytes: Uint8Array; recordId?: string },
) {
  const { bytes } = upload
  const { mime, size, sha256, fileName } = await inspectUpload(upload, DOCUMENTS)
  return runCommand(ctx, 'clients.attach', async (tx) => {
    await loadClient(tx, clientId)
    if (upload.recordId) {
      const [rec] = await tx
        .select({ id: clientRecords.id })
        .from(clientRecords)
        .where(and(eq(clientRecords.id, upload.recordId), eq(clientRecords.clientId, clientId)))
        .limit(1)
      if (!rec) throw ValidationError({ recordId: 'errors.clients.noSuchRecord' })
    }
    const [a] = await tx
      .insert(attachments)
      .values({
        clientId,
        recordId: upload.recordId ?? null,
        fileName,
        mime,
        size,
        sha256,
        data: bytes,
        createdBy: actor.id,
      })
      .returning({
        id: attachments.id,
        fileName: attachments.fileName,
        mime: attachments.mime,
        size: attachments.size,
        sha256: attachments.sha256,
      })
    return {
      result: a,
      entity: 'client',
      entityId: clientId,
      after: { document: a, recordId: upload.recordId ?? null },
      events: [{ name: 'entity.changed', payload: { type: 'client', id: clientId, action: 'update' } }],
    }
  })
}
