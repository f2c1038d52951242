/**
 * A `content-disposition` header for a file name in any script. A header holds bytes up to 255
 * only, and names carry Armenian and Cyrillic (an invoice number `ԿԵՆ-2026-000017`, a document a
 * receptionist attached as `Բժշկական տեղեկանք.pdf`): the name is given in UTF-8 (RFC 6266 / 5987
 * `filename*`), with an ASCII fallback for old clients.
 * @example contentDisposition('Տեղեկանք.pdf', 'attachment') // `attachment; filename="document.pdf"; filename*=UTF-8''%D5%8F…`
 */
export function contentDisposition(fileName: string, kind: 'inline' | 'attachment'): string {
  const ext = /\.[a-z0-9]{1,8}$/i.exec(fileName)?.[0] ?? ''
  const base = fileName
    .slice(0, fileName.length - ext.length)
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/["\\;]/g, '')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_. ]+/, '')
    .trim()
  const fallback = `${base || 'document'}${ext}`
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(fileName)}`
}

/** RFC 5987's value-chars: encodeURIComponent leaves ' ( ) * unescaped, which the grammar does not allow. */
const encodeRfc5987 = (s: string) =>
  encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
