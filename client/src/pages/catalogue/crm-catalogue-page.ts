import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { fireEvent } from '../../common/fire-event'
import type { DataTableColumn } from '../../components/crm-data-table'
import '../../components/crm-data-table'
import { showDialog } from '../../components/dialogs'
import { EntityReloadController } from '../../controllers/entity-reload-controller'
import { ApiError } from '../../data/api'
import { ACTIVITY_TYPES, type ActivityType, type CatalogueActivity, fetchCatalogue, updateActivity } from '../../data/catalogue'
import { LocaleController } from '../../i18n/locale-controller'
import { currentLocale, t } from '../../i18n/locale'
import { baseStyles, pageStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import { ageRange, categoryLabel, money, num, typeLabel } from './labels'
import { catalogueCellStyles, cataloguePageStyles } from './crm-catalogue-page.styles'
import { setupCellStyles, setupListStyles } from './setup-list.styles'

const SORTS = ['name', 'type', 'duration', 'price', 'age'] as const
type Sort = (typeof SORTS)[number]

/** Filters and sorts the catalogue as the toolbar says (pure: the list of thousands is sorted once per change). */
export function shownActivities(
  items: readonly CatalogueActivity[],
  o: { query: string; type: ActivityType | ''; archived: boolean; sort: Sort },
  locale: string,
): CatalogueActivity[] {
  const q = o.query.trim().toLocaleLowerCase(locale)
  const coll = new Intl.Collator(locale)
  const out = items.filter(
    (a) =>
      (o.archived || a.active) &&
      (!o.type || a.activityType === o.type) &&
      (!q || a.name.toLocaleLowerCase(locale).includes(q) || a.description.toLocaleLowerCase(locale).includes(q)),
  )
  const by: Record<Sort, (a: CatalogueActivity, b: CatalogueActivity) => number> = {
    name: (a, b) => coll.compare(a.name, b.name),
    type: (a, b) =>
      ACTIVITY_TYPES.indexOf(a.activityType) - ACTIVITY_TYPES.indexOf(b.activityType) || coll.compare(a.name, b.name),
    duration: (a, b) => a.durationMinutes - b.durationMinutes || coll.compare(a.name, b.name),
    price: (a, b) => Number(a.pricePerSession) - Number(b.pricePerSession) || coll.compare(a.name, b.name),
    age: (a, b) => (a.ageMin ?? 0) - (b.ageMin ?? 0) || coll.compare(a.name, b.name),
  }
  return out.sort(by[o.sort])
}

/**
 * Activities and norms (owner, manager): the catalogue by type with ages, duration, group sizes,
 * staff ratio and price hint; new, edit (the norms keep a version per date), archive and back.
 */
@customElement('crm-catalogue-page')
export class CrmCataloguePage extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @state() private items: CatalogueActivity[] | null = null
  @state() private loadError: string | null = null
  @state() private query = ''
  @state() private type: ActivityType | '' = ''
  @state() private archived = false
  @state() private sort: Sort = 'name'
  @state() private busyId: string | null = null
  private reload = new EntityReloadController(
    this,
    ['activity'],
    () => this.ctx?.live,
    () => this.load(),
  )
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, pageStyles, setupListStyles, cataloguePageStyles]

  private get canEdit() {
    return this.ctx.user.roles.some((r) => r === 'owner' || r === 'manager')
  }

  private async load() {
    try {
      this.items = await fetchCatalogue()
      this.loadError = null
    } catch (e) {
      this.loadError = e instanceof ApiError ? e.userMessage : t('setup.catalogue.loadFailed')
    }
  }

  render() {
    const shown = this.items
      ? shownActivities(
          this.items,
          { query: this.query, type: this.type, archived: this.archived, sort: this.sort },
          currentLocale(),
        )
      : []
    return html`
      <div class="page-header">
        <div>
          <h1>${t('setup.catalogue.title')}</h1>
          <p>${t('setup.catalogue.lead')}</p>
        </div>
        ${this.canEdit ? html`<button class="primary" @click=${() => void this.edit(null)}>${t('setup.catalogue.new')}</button>` : nothing}
      </div>
      ${this.loadError ? html`<p class="alert error" role="alert">${this.loadError}</p>` : nothing}
      ${this.items?.length === 0 ? this.renderEmpty() : this.renderList(shown)}
    `
  }

  private renderEmpty() {
    return html`<div class="card empty-state">
      <p>${t('setup.catalogue.empty')}</p>
      ${this.canEdit ? html`<button class="primary" @click=${() => void this.edit(null)}>${t('setup.catalogue.new')}</button>` : nothing}
    </div>`
  }

  private renderList(shown: CatalogueActivity[]) {
    return html`<div class="toolbar" role="search">
        <div class="field search">
          <label for="q">${t('setup.list.search')}</label>
          <input
            id="q"
            type="search"
            .value=${this.query}
            @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)}
          />
        </div>
        <div class="field">
          <label for="type">${t('setup.catalogue.type')}</label>
          <select id="type" @change=${(e: Event) => (this.type = (e.target as HTMLSelectElement).value as ActivityType | '')}>
            <option value="" ?selected=${this.type === ''}>${t('setup.catalogue.allTypes')}</option>
            ${ACTIVITY_TYPES.map((ty) => html`<option value=${ty} ?selected=${this.type === ty}>${typeLabel(ty)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="sort">${t('setup.list.sortBy')}</label>
          <select id="sort" @change=${(e: Event) => (this.sort = (e.target as HTMLSelectElement).value as Sort)}>
            ${SORTS.map((s) => html`<option value=${s} ?selected=${this.sort === s}>${t(`setup.catalogue.sort.${s}`)}</option>`)}
          </select>
        </div>
        <label class="check"
          ><input
            type="checkbox"
            .checked=${this.archived}
            @change=${(e: Event) => (this.archived = (e.target as HTMLInputElement).checked)}
          />
          ${t('setup.list.showArchived')}</label
        >
      </div>
      <crm-data-table
        label=${t('setup.catalogue.title')}
        .columns=${this.columns()}
        .rows=${shown}
        .keyFn=${(a: CatalogueActivity) => a.id}
        .rowAttrs=${(a: CatalogueActivity) => ({ 'data-activity': a.name })}
        .rowClass=${(a: CatalogueActivity) => (a.active ? '' : 'archived')}
        .cellStyles=${[setupCellStyles, catalogueCellStyles]}
        .loading=${this.items === null && !this.loadError}
        emptyText=${t('setup.list.noMatch')}
      ></crm-data-table>`
  }

  private columns(): DataTableColumn<CatalogueActivity>[] {
    const cols: DataTableColumn<CatalogueActivity>[] = [
      {
        key: 'name',
        title: t('setup.catalogue.col.name'),
        width: 'minmax(180px, 2fr)',
        render: (a) =>
          html`<span class="name"><span class="dot" style="background:${a.color}" aria-hidden="true"></span>${a.name}</span
            ><span class="sub">${categoryLabel(a.category)}${a.active ? '' : ` · ${t('setup.list.archived')}`}</span>`,
      },
      {
        key: 'type',
        title: t('setup.catalogue.col.type'),
        width: '110px',
        render: (a) => html`<span class="chip">${typeLabel(a.activityType)}</span>`,
      },
      {
        key: 'age',
        title: t('setup.catalogue.col.age'),
        width: '100px',
        hideBelow: 700,
        render: (a) => ageRange(a.ageMin, a.ageMax),
      },
      {
        key: 'duration',
        title: t('setup.catalogue.col.duration'),
        width: '120px',
        render: (a) => t('setup.catalogue.minutes', { n: a.durationMinutes }),
      },
      {
        key: 'size',
        title: t('setup.catalogue.col.size'),
        width: '80px',
        hideBelow: 1100,
        render: (a) => html`<span class="num">${num(a.minGroupSize)}–${num(a.maxGroupSize)}</span>`,
      },
      {
        key: 'ratio',
        title: t('setup.catalogue.col.ratio'),
        width: '100px',
        hideBelow: 900,
        render: (a) => t('setup.catalogue.ratio', { n: a.staffRatio }),
      },
      {
        key: 'price',
        title: t('setup.catalogue.col.price'),
        width: '100px',
        align: 'end',
        render: (a) => html`<span class="num">${money(a.pricePerSession)}</span>`,
      },
    ]
    if (this.canEdit)
      cols.push({
        key: 'actions',
        title: t('setup.list.actions'),
        titleHidden: true,
        width: '200px',
        align: 'end',
        render: (a) =>
          html`<span class="actions">
            <button
              class="small"
              @click=${() => void this.edit(a)}
              aria-label=${t('setup.catalogue.editLabel', { name: a.name })}
            >
              ${t('setup.list.edit')}
            </button>
            <button
              class="small"
              ?disabled=${this.busyId === a.id}
              @click=${() => void this.setActive(a, !a.active)}
              aria-label=${a.active ? t('setup.catalogue.archiveLabel', { name: a.name }) : t('setup.catalogue.restoreLabel', { name: a.name })}
            >
              ${a.active ? t('setup.list.archive') : t('setup.list.restore')}
            </button>
          </span>`,
      })
    return cols
  }

  private async edit(activity: CatalogueActivity | null) {
    const saved = await showDialog(this, 'crm-dialog-activity', { activity }, () => import('./dialog-activity'))
    if (saved) await this.load()
  }

  private async setActive(a: CatalogueActivity, active: boolean) {
    this.busyId = a.id
    try {
      await updateActivity(a.id, { active })
      fireEvent(this, 'crm-toast', {
        message: () =>
          active ? t('setup.catalogue.restored', { name: a.name }) : t('setup.catalogue.archived', { name: a.name }),
        kind: 'success',
      })
      await this.load()
    } catch (e) {
      fireEvent(this, 'crm-toast', {
        message: e instanceof ApiError ? e.userMessage : t('common.error.unexpected'),
        kind: 'error',
      })
    } finally {
      this.busyId = null
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-catalogue-page': CrmCataloguePage
  }
}
