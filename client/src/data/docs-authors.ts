import type { ReactiveController, ReactiveControllerHost } from 'lit'
import type * as Y from 'yjs'
import { api, withQuery } from './api'
import type { DocChange } from './doc-history'

/**
 * "Who changed this": each field's last author (GET /api/docs/<name>/authors, fetched once per open
 * document and again, debounced, when it changes) and one field's history
 * (GET /api/docs/<name>/field-history?path=).
 */

/** A field's last change: dotted path (`profile.firstName`, `lessons.<id>.teacherId`), who and when. */
export interface FieldAuthor {
  path: string
  seq: number
  at: string
  userId: string | null
  login: string | null
  name: string | null
}

export interface FieldHistoryItem {
  seq: number
  at: string
  actor: { id: string; login: string; name: string } | null
  changes: DocChange[]
}

export const fetchDocAuthors = (docName: string) =>
  api<{ items: FieldAuthor[] }>('GET', `/api/docs/${encodeURIComponent(docName)}/authors`)

/** A page of one field's history; `order` 'desc' newest first (the default), pass nextCursor for more. */
export const fetchFieldHistory = (
  docName: string,
  path: string,
  opts: { order?: 'asc' | 'desc'; cursor?: string | null; limit?: number } = {},
) =>
  api<{ items: FieldHistoryItem[]; nextCursor: string | null }>(
    'GET',
    withQuery(`/api/docs/${encodeURIComponent(docName)}/field-history`, {
      path,
      order: opts.order ?? 'desc',
      cursor: opts.cursor ?? undefined,
      limit: opts.limit ?? 30,
    }),
  )

/**
 * The last change that touched `path`: its own, one inside it (a guardian's phone inside the
 * guardian), or, when it has none, the one that set what holds it (a lesson added whole set its
 * teacher). The newest wins.
 */
export function authorOf(authors: ReadonlyMap<string, FieldAuthor>, path: string): FieldAuthor | null {
  let best: FieldAuthor | null = null
  const consider = (a: FieldAuthor | undefined) => {
    if (a && (!best || a.seq > best.seq)) best = a
  }
  consider(authors.get(path))
  const inside = path + '.'
  for (const [p, a] of authors) if (p.startsWith(inside)) consider(a)
  if (best) return best
  for (let p = path; p.includes('.'); ) {
    p = p.slice(0, p.lastIndexOf('.'))
    consider(authors.get(p))
    if (best) return best
  }
  return null
}

/** Authors by path, from the server's list. */
export const authorsByPath = (items: FieldAuthor[]): Map<string, FieldAuthor> => new Map(items.map((a) => [a.path, a]))

/**
 * Keeps the authors of one open document for a component: fetched when the document opens (or
 * its name changes), then again `debounceMs` after the last change to it (anyone's), never per field.
 * @example
 * private authors = new DocAuthorsController(this, () => ({ name: this.live?.name ?? null, doc: this.live?.synced ? this.live.doc : null }))
 * … authorOf(this.authors.byPath, 'profile.firstName')
 */
export class DocAuthorsController implements ReactiveController {
  byPath: Map<string, FieldAuthor> = new Map()
  private name: string | null = null
  private doc: Y.Doc | null = null
  private timer: ReturnType<typeof setTimeout> | null = null
  private generation = 0

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: () => { name: string | null; doc: Y.Doc | null },
    private readonly debounceMs = 800,
  ) {
    host.addController(this)
  }

  hostUpdated() {
    const { name, doc } = this.source()
    if (name === this.name && doc === this.doc) return
    this.detach()
    if (name !== this.name || !doc) this.byPath = new Map()
    this.name = name
    this.doc = doc
    if (!name || !doc) return
    doc.on('update', this.onUpdate)
    void this.load()
  }

  hostDisconnected() {
    this.detach()
    this.name = null
    this.doc = null
  }

  /** Fetches now (e.g. after an edit of ours was saved). */
  async load() {
    const name = this.name
    if (!name) return
    const generation = ++this.generation
    try {
      const { items } = await fetchDocAuthors(name)
      if (generation !== this.generation || name !== this.name) return
      this.byPath = authorsByPath(items)
      this.host.requestUpdate()
    } catch {
      // no authors shown: the fields work as before
    }
  }

  private onUpdate = () => {
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.timer = null
      void this.load()
    }, this.debounceMs)
  }

  private detach() {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.doc?.off('update', this.onUpdate)
  }
}
