import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { parseDocName } from '../../../domain/docs/doc-names'
import { fetchMe } from '../data/auth'
import { type LiveDoc, openDoc } from '../data/live-doc'

type Host = ReactiveControllerHost & HTMLElement

export interface LiveDocTarget {
  /** Document to open, or null for none. */
  name: string | null
  user: { id: string; name: string }
}

/**
 * Binds a live document to an element's lifetime: opens it when the element connects (or the
 * name changes), closes it on disconnect, and re-renders the host on every change of the
 * document's status, presence or content. A session that ended fires `crm-session-ended`.
 * @example
 * private doc = new LiveDocController(this, () => ({ name: `workspace:${this.ctx.user.id}`, user: this.ctx.user }))
 * render() { const live = this.doc.live; … live?.savedState … }
 */
export class LiveDocController implements ReactiveController {
  live: LiveDoc | null = null
  private off?: () => void
  private connected = false

  constructor(
    private readonly host: Host,
    private readonly target: () => LiveDocTarget,
  ) {
    host.addController(this)
  }

  hostConnected() {
    this.connected = true
    this.sync()
  }

  hostDisconnected() {
    this.connected = false
    this.close()
  }

  /** Re-checks the target before each render (the name may come from properties). */
  hostUpdate() {
    if (this.connected) this.sync()
  }

  private sync() {
    const { name, user } = this.target()
    if (this.live?.name === name) return
    this.close()
    // only a canonically spelled name is a document (domain/docs/doc-names.ts); the server refuses any other
    if (!name || parseDocName(name) === null) return
    const live = openDoc(name, {
      user,
      onSessionEnded: () => this.host.dispatchEvent(new CustomEvent('crm-session-ended', { bubbles: true, composed: true })),
      checkSession: async () => (await fetchMe().catch(() => user)) !== null,
    })
    this.live = live
    // the doc's events arrive outside Lit's update cycle; coalesce them into one render
    this.off = live.subscribe(() => this.host.requestUpdate())
  }

  private close() {
    this.off?.()
    this.off = undefined
    this.live?.destroy()
    this.live = null
  }
}
