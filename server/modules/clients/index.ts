import { defineModule } from '../module'
import { clientAlerts } from './alert-kinds'
import { clientFileDoc, clientMedicalDoc } from './docs'
import { clientsPolicies } from './policies'
import { clientListRoutes } from './routes/list'
import { clientRoutes } from './routes/client'
import { clientPrivacyRoutes } from './routes/privacy'
import { clientRecordRoutes } from './routes/records'
import { clientSettingsRoutes } from './routes/settings'
import { seedClients } from './seed'
import { clientsAudit } from './audit-area'

// What other areas may use of the clients area (never its files directly).
export { clientsPolicies } from './policies'
export { projectClientFile } from './file-projection'

/** Clients and their families: the client file, guardians, observations, results, achievements. */
export const clients = defineModule({
  name: 'clients',
  // the list's fixed paths (/clients/export.csv, /clients/duplicates) before /clients/{id}
  routes: [clientListRoutes, clientRoutes, clientSettingsRoutes, clientRecordRoutes, clientPrivacyRoutes],
  uploadRoutes: [/^\/api\/clients\/[^/]+\/documents$/],
  policies: Object.values(clientsPolicies),
  audit: clientsAudit,
  docTypes: [clientFileDoc, clientMedicalDoc],
  alertKinds: Object.values(clientAlerts),
  liveEntities: {
    client: { read: clientsPolicies.read },
    'client-medical': { read: clientsPolicies.readMedical },
  },
  seed: seedClients,
})
