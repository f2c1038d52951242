import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { subscribeLocale } from './locale'

/**
 * Renders its host again when the language changes: every component that shows text holds one
 * (`private readonly locale = new LocaleController(this)`).
 */
export class LocaleController implements ReactiveController {
  private off: (() => void) | null = null

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this)
  }

  hostConnected(): void {
    this.off = subscribeLocale(() => this.host.requestUpdate())
  }

  hostDisconnected(): void {
    this.off?.()
    this.off = null
  }
}
