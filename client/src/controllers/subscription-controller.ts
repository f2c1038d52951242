import type { ReactiveController, ReactiveControllerHost } from 'lit'

/**
 * Holds one subscription for an element's lifetime (HA's SubscribeMixin, for one source): calls
 * `subscribe` before a render once the element is connected, again (after running the previous
 * disposer) whenever one of `deps` changes, and runs the disposer when the element disconnects.
 * `subscribe` may return nothing when there is nothing to follow yet.
 * @example
 * private watch = new SubscriptionController(this, () => [this.live], () => this.live?.subscribe(() => this.requestUpdate()))
 */
export class SubscriptionController implements ReactiveController {
  private off?: () => void
  private deps: readonly unknown[] | null = null
  private connected = false

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly depsOf: () => readonly unknown[],
    private readonly subscribe: () => (() => void) | null | undefined,
  ) {
    host.addController(this)
  }

  hostConnected() {
    this.connected = true
    // connected again (a cached page): subscribe at the next render, which this asks for
    this.host.requestUpdate()
  }

  /** Before each render: (re)subscribe when the deps changed. */
  hostUpdate() {
    if (!this.connected) return
    const deps = this.depsOf()
    if (this.deps && deps.length === this.deps.length && deps.every((d, i) => Object.is(d, this.deps?.[i]))) return
    this.off?.()
    this.deps = deps
    this.off = this.subscribe() ?? undefined
  }

  hostDisconnected() {
    this.connected = false
    this.off?.()
    this.off = undefined
    this.deps = null
  }
}
