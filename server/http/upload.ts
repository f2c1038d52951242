import { createHash } from 'node:crypto'
import { fileTypeFromBuffer } from 'file-type'
import type { MessageId } from '../../domain/i18n/catalogue'
import { ValidationError, msg } from '../errors'

/** A file's largest size anywhere it is uploaded (a client's document, an employee's, a checklist photo). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024

/** What an upload may be: its types by content (mime → the extension its stored name gets) and the area's words for a refusal. */
export interface UploadRules {
  accepted: Readonly<Record<string, string>>
  /** The stored name when nothing readable is left of the one given. */
  fallbackName: string
  messages: { empty: MessageId; tooLarge: MessageId; type: MessageId }
}

/** A stored file name: letters and digits of any script (an Armenian or Russian name stays readable), dots, dashes, spaces. */
const safeName = (name: string, fallback: string) =>
  name
    .normalize('NFC')
    .replace(/[^\p{L}\p{M}\p{N}_.\- ]+/gu, '_')
    .slice(0, 150)
    .trim() || fallback

/**
 * Checks an upload before it is stored: not empty, at most 10 MB, its real type judged by content
 * (magic bytes, never the name) among the accepted ones; a 400 naming `file` otherwise. Returns its
 * type, size, SHA-256 and the name to store, ending in its type's extension.
 */
export async function inspectUpload(
  upload: { name: string; bytes: Uint8Array },
  rules: UploadRules,
): Promise<{ mime: string; size: number; sha256: string; fileName: string }> {
  const { bytes } = upload
  if (bytes.byteLength === 0) throw ValidationError({ file: rules.messages.empty })
  if (bytes.byteLength > MAX_UPLOAD_BYTES)
    throw ValidationError({ file: msg(rules.messages.tooLarge, { megabytes: MAX_UPLOAD_BYTES / 1024 / 1024 }) })
  const type = await fileTypeFromBuffer(bytes)
  if (!type || !rules.accepted[type.mime]) throw ValidationError({ file: rules.messages.type })
  return {
    mime: type.mime,
    size: bytes.byteLength,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    fileName: safeName(upload.name, rules.fallbackName).replace(/\.[^.]*$/, '') + '.' + rules.accepted[type.mime],
  }
}
