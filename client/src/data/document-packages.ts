import { api, withQuery } from './api'

/** A branch's document package as the server lists it (GET /api/document-packages). */
export interface DocumentPackage {
  id: number
  branchId: string
  branchName: string
  from: string
  to: string
  status: 'running' | 'ok' | 'failed'
  trigger: 'schedule' | 'demand'
  locale: string
  createdAt: string
  createdBy: { id: string; name: string } | null
  finishedAt: string | null
  fileName: string | null
  sizeBytes: number | null
  sha256: string | null
  documents: number | null
}

export const fetchDocumentPackages = (branchId?: string) =>
  api<{ items: DocumentPackage[] }>('GET', withQuery('/api/document-packages', { branchId })).then((r) => r.items)

/** Makes a branch's package of a month now (it is listed as running until ready). */
export const generateDocumentPackage = (branchId: string, month: string) =>
  api<{ id: number; status: 'running' }>('POST', '/api/document-packages', { branchId, month })

/** Where the browser downloads a package (a plain link: the session cookie goes with it). */
export const documentPackageFileUrl = (id: number) => `/api/document-packages/${encodeURIComponent(String(id))}/file`
