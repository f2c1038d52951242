import { type ClientDetail, fetchClient } from '../../data/clients'

/**
 * Opening a client file by its URL loads the page's code first; the file's header (GET
 * /api/clients/:id) is asked for meanwhile, and the file takes that answer when it starts.
 */
const pending = new Map<string, { at: number; request: Promise<ClientDetail> }>()
const FRESH_MS = 3000

export function prefetchClient(id: string): void {
  if (pending.has(id)) return
  const request = fetchClient(id)
  request.catch(() => undefined) // the file asks again and shows its own error
  pending.set(id, { at: performance.now(), request })
}

/** The prefetched header when there is a fresh one (once), else a new request. */
export function takeClient(id: string): Promise<ClientDetail> {
  const p = pending.get(id)
  pending.delete(id)
  return p && performance.now() - p.at < FRESH_MS ? p.request : fetchClient(id)
}
