import { defineModule } from '../module'
import { centerPolicies } from './policies'
import { centerDefaultLocale } from './queries'
import { centerRoutes } from './routes'

export { centerPolicies } from './policies'
export { configureCenter } from './commands/configure'
export { CenterSchema, presentCenter } from './presenters'
export { centerSettingsOf, centerTimeZone, type CenterSettings } from './queries'

/** The center's own settings: its default language (what requests without one of ours get) and currency. */
export const center = defineModule({
  name: 'center',
  routes: [centerRoutes],
  policies: Object.values(centerPolicies),
  audit: [{ area: 'settings', commands: ['center.', 'settings.'] }],
  defaultLocale: centerDefaultLocale,
})
