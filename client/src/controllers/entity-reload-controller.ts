import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { type LiveEvents, subscribeEntityChanges } from '../data/live-events'

/**
 * Keeps what a page shows current: loads it when the page connects, and again whenever an
 * entity of these types changes (someone else saved a user, a room…) or a reconnect may have
 * missed such a change. Follows the live connection the page is given.
 * @example private reload = new EntityReloadController(this, ['user'], () => this.ctx?.live, () => this.load())
 */
export class EntityReloadController implements ReactiveController {
  private off?: () => void
  private subscribed?: LiveEvents | null

  constructor(
    host: ReactiveControllerHost,
    private readonly types: string[],
    private readonly live: () => LiveEvents | null | undefined,
    private readonly load: () => Promise<void>,
  ) {
    host.addController(this)
  }

  hostConnected() {
    void this.load()
  }

  /** Before each render: subscribe once the live connection is known, again when it is replaced. */
  hostUpdate() {
    const live = this.live()
    if (live === undefined || live === this.subscribed) return
    this.off?.()
    this.subscribed = live
    this.off = subscribeEntityChanges(live, this.types, () => void this.load())
  }

  hostDisconnected() {
    this.off?.()
    this.off = undefined
    this.subscribed = undefined
  }
}
