import { checklistPhotos } from '../../../../db/schema/index'
import type { ChecklistItem } from '../../../../domain/checklists/checklist'
import type { Actor } from '../../../../domain/roles'
import { ConflictError, ValidationError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import { inspectUpload, type UploadRules } from '../../../http/upload'
import { findChecklist } from '../queries'

/** A checklist's photos: JPEG or PNG, their type judged by content (the size and words of a client's documents). */
const PHOTOS: UploadRules = {
  accepted: { 'image/jpeg': 'jpg', 'image/png': 'png' },
  fallbackName: 'photo',
  messages: { empty: 'errors.clients.fileEmpty', tooLarge: 'errors.clients.fileTooLarge', type: 'checklists.photoType' },
}

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
  const { mime, size, sha256, fileName } = await inspectUpload(upload, PHOTOS)
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
        mime,
        size,
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
