import { defineModule } from '../module'
import { docsPolicies } from './policies'
import { docRoutes } from './routes'
import { docFieldRoutes } from './routes-fields'

export { docsPolicies } from './policies'

/** Live documents' history over HTTP (who changed what, and a document as it was). */
export const docs = defineModule({
  name: 'docs',
  routes: [docRoutes, docFieldRoutes],
  policies: Object.values(docsPolicies),
})
