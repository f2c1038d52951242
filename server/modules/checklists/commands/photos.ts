import { createHash } from 'node:crypto'
import { fileTypeFromBuffer } from 'file-type'
import { checklistPhotos } from '../../../../db/schema/index'
import type { ChecklistItem } from '../../../../domain/checklists/checklist'
import type { Actor } from '../../../../domain/roles'
import { ConflictError, ValidationError, msg } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import { findChecklist } from '../queries'

/** A photo's largest size (as a client document's). */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024
/** Types accepted, judged by content (magic bytes), never by the file name. */
const ACCEPTED: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png' }

/** A stored file name: letters and digits of any script, dots, dashes, spaces. */
const safeName = (name: string) =>
  name
    .normalize('NFC')
    .replace(/[^\p{L}\p{M}\p{N}_.\- ]+/gu, '_')
    .slice(0, 150)
    .trim() || 'photo'

/**
 * Attaches a photo to a checklist being filled, optionally to one of its items
 * (`checklists.photo.add`): JPEG or PNG up to 10 MB, stored in the database as client documents
 * are. A submitted checklist takes no more.
 */
export async function attachPhoto(
  ctx: CommandContext,
  actor: Actor,
  checklistId: string,
  upload: { name: string; bytes: Uint8Array; itemKey?: string | null },
) {
  const { bytes } = upload
  if (bytes.byteLength === 0) throw ValidationError({ file: 'errors.clients.fileEmpty' })
  if (bytes.byteLength > MAX_PHOTO_BYTES)
    throw ValidationError({ file: msg('errors.clients.fileTooLarge', { megabytes: MAX_PHOTO_BYTES / 1024 / 1024 }) })
  const type = await fileTypeFromBuffer(bytes)
  if (!type || !ACCEPTED[type.mime]) throw ValidationError({ file: 'checklists.photoType' })
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  const fileName = safeName(upload.name).replace(/\.[^.]*$/, '') + '.' + ACCEPTED[type.mime]
  return runCommand(ctx, 'checklists.photo.add', async (tx) => {
    const c = await findChecklist(tx, checklistId)
    if (c.status === 'submitted') throw ConflictError('checklists.alreadySubmitted')
    if (upload.itemKey && !(c.items as ChecklistItem[]).some((i) => i.key === upload.itemKey))
      throw ValidationError({ itemKey: 'checklists.unknownItem' })
    const [p] = await tx
      .insert(checklistPhotos)
      .values({
        checklistId,
        itemKey: upload.itemKey || null,
        fileName,
        mime: type.mime,
        size: bytes.byteLength,
        sha256,
        data: bytes,
        createdBy: actor.id,
      })
      .returning({
        id: checklistPhotos.id,
        itemKey: checklistPhotos.itemKey,
        fileName: checklistPhotos.fileName,
        mime: checklistPhotos.mime,
        size: checklistPhotos.size,
      })
    return {
      result: p,
      entity: 'checklist',
      entityId: checklistId,
      after: { photo: { ...p, sha256 } },
      events: [
        { name: 'entity.changed', payload: { type: 'checklist', id: checklistId, action: 'photo', branchId: c.branchId } },
      ],
    }
  })
}
