import { LitElement, css, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { SubscriptionController } from '../../controllers/subscription-controller'
import {
  type Pass,
  type PassFlags,
  type Tone,
  automaticPass,
  fetchClientPassesShared,
  subscribePassChanges,
  toneOfStatus,
  usePassFlags,
} from '../../data/passes'
import type { LiveEvents } from '../../data/live-events'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { flagLabel } from './labels'

/**
 * A roster member's pass for the lesson (its activity, its day): the sessions left, amber while it
 * runs out and red when used up, expired or missing (a visit would be owed), coloured from the
 * open flag at the same moment as every other screen. For the lesson panel and the group roster.
 */
@customElement('crm-roster-pass')
export class CrmRosterPass extends LitElement {
  @property() clientId = ''
  @property() activityId: string | null = null
  /** The lesson's day (YYYY-MM-DD). */
  @property() day = ''
  @property({ attribute: false }) live: LiveEvents | null | undefined = undefined
  @state() private passes: Pass[] | null = null
  private flags: PassFlags | null = null
  private readonly locale = new LocaleController(this)
  private changes = new SubscriptionController(
    this,
    () => [this.live, this.clientId],
    () => {
      void this.load()
      return subscribePassChanges(this.live, () => void this.load(true), {
        clientId: this.clientId,
        types: ['pass', 'visit', 'refund'],
      })
    },
  )
  private flagWatch = new SubscriptionController(
    this,
    () => [this.live],
    () => {
      const { flags, release } = usePassFlags(this.live)
      this.flags = flags
      const off = flags.subscribe(() => this.requestUpdate())
      return () => {
        off()
        release()
        this.flags = null
      }
    },
  )

  static styles = css`
    :host {
      display: inline-flex;
    }
    span {
      display: inline-block;
      padding: 0 7px;
      border-radius: 6px;
      font-size: 0.75rem;
      font-weight: 600;
      white-space: nowrap;
      border: 1px solid var(--crm-border);
      background: var(--crm-surface-2);
      color: var(--crm-text);
    }
    span.amber {
      background: var(--crm-warning-soft);
      border-color: #f0d68a;
      color: var(--crm-warning);
    }
    span.red {
      background: var(--crm-danger);
      border-color: var(--crm-danger);
      color: #fff;
    }
  `

  private async load(fresh = false) {
    const id = this.clientId
    if (!id) return
    try {
      const passes = await fetchClientPassesShared(id, fresh)
      if (id === this.clientId) this.passes = passes
    } catch {
      this.passes = null
    }
  }

  render() {
    if (!this.passes) return nothing
    const day = this.day
    const pass =
      automaticPass(this.passes, this.activityId, day) ??
      this.passes.find((p) => p.status !== 'ended' && (!this.activityId || p.activityIds?.includes(this.activityId))) ??
      null
    if (!pass)
      return html`<span class="red" data-testid="roster-pass" data-tone="red">${t('passes.screens.roster.noPass')}</span>`
    const tone: Tone = this.flags?.ready ? this.flags.passTone(pass.id) : toneOfStatus(pass)
    const flag = this.flags?.ready ? this.flags.passFlag(pass.id) : (pass.alert ?? null)
    const text =
      pass.sessionsLeft === null
        ? t('passes.screens.pass.unlimited')
        : t('passes.screens.roster.left', { left: pass.sessionsLeft })
    return html`<span
      class=${tone ?? ''}
      data-testid="roster-pass"
      data-tone=${tone ?? 'none'}
      title=${flag ? `${pass.name} · ${flagLabel(flag)}` : (pass.name ?? '')}
      >${text}</span
    >`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-roster-pass': CrmRosterPass
  }
}
