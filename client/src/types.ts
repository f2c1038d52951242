import type { LiveEvents } from './data/live-events'
import type { User } from './data/types'
import type { NavEntry } from './layouts/nav'

/** What every page receives from the shell (our `hass`): who is signed in, the live connection, its route. */
export interface PageContext {
  user: User
  live: LiveEvents | null
  entry: NavEntry
  /** pathname and search of the current URL */
  path: string
  search: string
}
