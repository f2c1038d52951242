import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { formatDateTime } from '../../../../domain/i18n/format'
import { fireEvent } from '../../common/fire-event'
import { confirmDialog } from '../../components/dialog-confirm'
import { ApiError } from '../../data/api'
import { createWallToken, followWall, listWallTokens, revokeWallToken, type WallState, type WallToken } from '../../data/wall'
import { currentLocale, t } from '../../i18n/locale'
import { LocaleController } from '../../i18n/locale-controller'
import { baseStyles, pageStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import '../wall/crm-wall-board'
import { dashboardPageStyles } from './crm-dashboard-page.styles'

/** The clock moves (the lesson on now) every so often: a local timer, never a request. */
const TICK_MS = 15_000

/**
 * The menu's Dashboard: the live wall of the signed-in user's branches (one at a time, switched
 * here), the same board as /wall, kept live over Socket.IO. Owners and managers also hand out and
 * revoke the wall tokens of screens.
 */
@customElement('crm-dashboard-page')
export class CrmDashboardPage extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @state() private state: WallState = { status: 'connecting' }
  @state() private now = Date.now()
  @state() private branchId: string | null = null
  @state() private tokens: WallToken[] = []
  @state() private created: { name: string; url: string } | null = null
  @state() private nameError: string | null = null
  private stop: (() => void) | null = null
  private tick: ReturnType<typeof setInterval> | null = null

  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, pageStyles, dashboardPageStyles]

  private get manager() {
    return this.ctx.user.roles.some((r) => r === 'owner' || r === 'manager')
  }

  connectedCallback() {
    super.connectedCallback()
    this.branchId = new URLSearchParams(this.ctx.search).get('branchId')
    this.follow()
    this.tick = setInterval(() => (this.now = Date.now()), TICK_MS)
    if (this.manager) void this.loadTokens()
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    this.stop?.()
    this.stop = null
    if (this.tick) clearInterval(this.tick)
  }

  private follow() {
    this.stop?.()
    this.stop = followWall({ branchId: this.branchId }, (s) => {
      this.state = s
      this.now = Date.now()
      // the session ended while here: the app's own connection signs the tab out
    })
  }

  private async loadTokens() {
    try {
      this.tokens = await listWallTokens()
    } catch {
      this.tokens = []
    }
  }

  render() {
    const s = this.state
    const wall = s.status === 'live' || s.status === 'reconnecting' ? s.wall : null
    return html`<div class="page-header">
        <div>
          <h1>${t('wall.dashboard.title')}</h1>
          <p>${t('wall.dashboard.lead')}</p>
        </div>
        <div class="tools">
          ${
            wall && wall.branches.length > 1
              ? html`<select aria-label=${t('wall.branch.label')} @change=${this.onBranch}>
                  ${wall.branches.map((b) => html`<option value=${b.id} ?selected=${b.id === wall.branch.id}>${b.name}</option>`)}
                </select>`
              : nothing
          }
          ${
            wall
              ? html`<span class="status ${s.status === 'live' ? 'live' : ''}" role="status"
                    >${s.status === 'live' ? t('wall.status.live') : t('wall.status.reconnecting')}</span
                  >
                  <a href="/wall?branchId=${wall.branch.id}" target="_blank" rel="noopener">${t('wall.dashboard.openWall')}</a>`
              : nothing
          }
        </div>
      </div>
      ${
        s.status === 'forbidden'
          ? html`<p role="alert">${t('wall.forbidden')}</p>`
          : wall
            ? html`<crm-wall-board .wall=${wall} .now=${this.now} theme="light"></crm-wall-board>`
            : html`<p class="muted" aria-busy="true">${t('wall.loading')}</p>`
      }
      ${this.manager && wall ? this.tokenPanel(wall.branches, wall.branch.timeZone) : nothing}`
  }

  private onBranch = (e: Event) => {
    this.branchId = (e.target as HTMLSelectElement).value
    this.state = { status: 'connecting' }
    this.follow()
  }

  private tokenPanel(branches: Array<{ id: string; name: string }>, timeZone: string) {
    const branchName = (id: string | null) =>
      id ? (branches.find((b) => b.id === id)?.name ?? '—') : t('wall.tokens.allBranches')
    const when = (iso: string) => formatDateTime(new Date(iso), currentLocale(), timeZone)
    const spansAll = this.ctx.user.roles.includes('owner') || this.ctx.user.branchIds.length === 0
    return html`<section class="tokens" aria-labelledby="tokens-title">
      <h2 id="tokens-title">${t('wall.tokens.title')}</h2>
      <p>${t('wall.tokens.lead')}</p>
      <form @submit=${this.create}>
        <label
          >${t('wall.tokens.name')}
          <input name="name" maxlength="100" required aria-invalid=${this.nameError ? 'true' : 'false'} />
          ${this.nameError ? html`<span class="error">${this.nameError}</span>` : nothing}
        </label>
        <label
          >${t('wall.tokens.branch')}
          <select name="branchId">
            ${branches.map((b, i) => html`<option value=${b.id} ?selected=${i === 0}>${b.name}</option>`)}
            ${spansAll ? html`<option value="">${t('wall.tokens.allBranches')}</option>` : nothing}
          </select>
        </label>
        <button class="primary" type="submit">${t('wall.tokens.create')}</button>
      </form>
      ${
        this.created
          ? html`<div class="created" role="status">
              <strong>${this.created.name}</strong> — ${t('wall.tokens.created')}
              <input id="token-url" readonly .value=${this.created.url} aria-label=${t('wall.tokens.created')} />
            </div>`
          : nothing
      }
      ${
        this.tokens.length
          ? html`<ul class="token-list">
              ${this.tokens.map(
                (tk) =>
                  html`<li data-token=${tk.id}>
                    <span class="name">${tk.name}</span>
                    <span class="meta">${branchName(tk.branchId)}</span>
                    <span class="meta"
                      >${
                        tk.revokedAt
                          ? t('wall.tokens.revokedAt', { time: when(tk.revokedAt) })
                          : tk.lastSeenAt
                            ? t('wall.tokens.lastSeen', { time: when(tk.lastSeenAt) })
                            : t('wall.tokens.never')
                      }</span
                    >
                    ${
                      tk.revokedAt
                        ? nothing
                        : html`<button class="danger" type="button" @click=${() => void this.revoke(tk)}>
                            ${t('wall.tokens.revoke')}
                          </button>`
                    }
                  </li>`,
              )}
            </ul>`
          : html`<p class="muted">${t('wall.tokens.none')}</p>`
      }
    </section>`
  }

  private create = async (e: Event) => {
    e.preventDefault()
    const form = e.target as HTMLFormElement
    const data = new FormData(form)
    const name = String(data.get('name') ?? '').trim()
    const branchId = String(data.get('branchId') ?? '') || null
    this.nameError = null
    try {
      const res = await createWallToken(name, branchId)
      this.created = { name, url: new URL(res.url, location.origin).toString() }
      form.reset()
      await this.loadTokens()
      await this.updateComplete
      this.renderRoot.querySelector<HTMLInputElement>('#token-url')?.select()
    } catch (err) {
      if (err instanceof ApiError && err.fields.name) this.nameError = err.fields.name
      else
        fireEvent(this, 'crm-toast', {
          message: () => (err instanceof ApiError ? err.userMessage : t('common.error.unexpected')),
          kind: 'error',
        })
    }
  }

  private async revoke(tk: WallToken) {
    const ok = await confirmDialog(this, {
      heading: t('wall.tokens.revoke'),
      text: t('wall.tokens.revokeConfirm', { name: tk.name }),
      confirmLabel: t('wall.tokens.revoke'),
      tone: 'danger',
    })
    if (!ok) return
    try {
      await revokeWallToken(tk.id)
      await this.loadTokens()
    } catch (err) {
      fireEvent(this, 'crm-toast', {
        message: () => (err instanceof ApiError ? err.userMessage : t('common.error.unexpected')),
        kind: 'error',
      })
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-dashboard-page': CrmDashboardPage
  }
}
