import { defineModule } from '../module'
import { clientAlerts } from './alert-kinds'
import { clientFileDoc, clientMedicalDoc } from './doc-types'
import { clientPrivacyRoutes } from './privacy'
import { clientRecordRoutes } from './records'
import { clientRoutes } from './routes'

/** Clients and their families: the client file, guardians, observations, results, achievements. */
export const clients = defineModule({
  name: 'clients',
  routes: [clientRoutes, clientRecordRoutes, clientPrivacyRoutes],
  uploadRoutes: [/^\/api\/clients\/[^/]+\/documents$/],
  docTypes: [clientFileDoc, clientMedicalDoc],
  alertKinds: Object.values(clientAlerts),
})
