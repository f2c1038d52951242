import { defineModule } from '../module'
import { docsPolicies } from './policies'
import { docRoutes } from './routes'

export { docsPolicies } from './policies'

/** Live documents' history over HTTP (who changed what, and a document as it was). */
export const docs = defineModule({
  name: 'docs',
  routes: [docRoutes],
  policies: Object.values(docsPolicies),
})
