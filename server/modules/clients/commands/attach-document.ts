import { createHash } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { fileTypeFromBuffer } from 'file-type'
import { attachments, clientRecords } from '../../../../db/schema/index'
import type { Actor } from '../../../../domain/roles'
import { ValidationError, msg } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import { loadClient } from '../file-queries'

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
/** Types accepted, judged by content (magic bytes), never by the file name. */
export const ACCEPTED_TYPES: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' }

/** Checks an upload: size, real type by content; returns its type and SHA-256. */
export async function inspectUpload(bytes: Uint8Array): Promise<{ mime: string; sha256: string }> {
  if (bytes.byteLength === 0) throw ValidationError({ file: 'errors.clients.fileEmpty' })
  if (bytes.byteLength > MAX_DOCUMENT_BYTES)
    throw ValidationError({ file: msg('errors.clients.fileTooLarge', { megabytes: MAX_DOCUMENT_BYTES / 1024 / 1024 }) })
  const type = await fileTypeFromBuffer(bytes)
  if (!type || !ACCEPTED_TYPES[type.mime]) throw ValidationError({ file: 'errors.clients.fileType' })
  return { mime: type.mime, sha256: createHash('sha256').update(bytes).digest('hex') }
}

/** A stored file name: letters and digits of any script (an Armenian or Russian name stays readable), dots, dashes, spaces. */
const safeName = (name: string) =>
  name
    .normalize('NFC')
    .replace(/[^\p{L}\p{M}\p{N}_.\- ]+/gu, '_')
    .slice(0, 150)
    .trim() || 'document'

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
  const { mime, sha256 } = await inspectUpload(bytes)
  const fileName = safeName(upload.name).replace(/\.[^.]*$/, '') + '.' + ACCEPTED_TYPES[mime]
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
        size: bytes.byteLength,
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
