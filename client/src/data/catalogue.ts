import { api } from './api'

/** The activity catalogue with its norms (server/modules/timetable/schema.ts ActivitySchema). */

export const ACTIVITY_TYPES = ['course', 'club', 'event', 'party'] as const
export type ActivityType = (typeof ACTIVITY_TYPES)[number]
export const ACTIVITY_CATEGORIES = ['sport', 'art', 'music', 'science', 'language', 'games', 'dance', 'event'] as const
export type ActivityCategory = (typeof ACTIVITY_CATEGORIES)[number]

export interface Consumable {
  item: string
  quantity: number
  unit: string
}

export interface CatalogueActivity {
  id: string
  name: string
  category: ActivityCategory
  activityType: ActivityType
  description: string
  color: string
  durationMinutes: number
  minGroupSize: number
  maxGroupSize: number
  ageMin: number | null
  ageMax: number | null
  staffRatio: number
  /** The price hint per session, a decimal in the center's currency ("15.00"). */
  pricePerSession: string
  consumables: Consumable[]
  roomRequirements: string
  safetyNotes: string
  /** The date the current norms apply from; null: always. */
  normsFrom: string | null
  kind: 'group' | 'individual' | 'event'
  /** False: archived (kept for history, not offered for new groups). */
  active: boolean
}

export type ActivityInput = Omit<CatalogueActivity, 'id' | 'pricePerSession' | 'kind'> & { pricePerSession: number }

/** What applied from `validFrom` on. */
export interface NormVersion {
  validFrom: string
  createdAt: string
  norms: Pick<
    CatalogueActivity,
    'durationMinutes' | 'minGroupSize' | 'maxGroupSize' | 'ageMin' | 'ageMax' | 'staffRatio' | 'consumables' | 'roomRequirements' | 'safetyNotes'
  >
}

export const fetchCatalogue = () => api<{ items: CatalogueActivity[] }>('GET', '/api/activities').then((r) => r.items)
export const createActivity = (input: ActivityInput) => api<{ activity: CatalogueActivity }>('POST', '/api/activities', input).then((r) => r.activity)
export const updateActivity = (id: string, patch: Partial<ActivityInput>) =>
  api<{ activity: CatalogueActivity }>('PATCH', `/api/activities/${encodeURIComponent(id)}`, patch).then((r) => r.activity)
export const fetchNormVersions = (id: string) => api<{ items: NormVersion[] }>('GET', `/api/activities/${encodeURIComponent(id)}/norms`).then((r) => r.items)
