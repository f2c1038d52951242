import { defineModule } from '../module'
import { docRoutes } from './routes'

/** Live documents' history over HTTP (who changed what, and a document as it was). */
export const docs = defineModule({
  name: 'docs',
  routes: [docRoutes],
})
