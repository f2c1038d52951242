import type { Catalogue } from '../../catalogue'
import { clients } from './clients'
import { common } from './common'
import { workspace } from './workspace'
import { errors } from './errors'
import { shell } from './shell'
import { auth } from './auth'
import { users } from './users'
import { branches } from './branches'
import { audit } from './audit'
import { timetable } from './timetable'
import { alerts } from './alerts'
import { alertPanel } from './alert-panel'
import { exportFiles } from './exports'
import { backups } from './backups'
import { system } from './system'
import { collab } from './collab'
import { passes } from './passes'
import { passVisits } from './pass-visits'
import { wall } from './wall'
import { passesScreens } from './passes-screens'
import { settings } from './settings'
import { progress } from './progress'
import { setup } from './setup'
import { fieldHistory } from './field-history'
import { auditReport } from './audit-report'
import { auditHighlight } from './audit-highlight'
import { auditPlain } from './audit-plain'
import { stock } from './stock'
import { purchasing } from './purchasing'
import { loans } from './loans'
import { stockScreens } from './stock-screens'
import { sales } from './sales'
import { staff } from './staff'
import { payroll } from './payroll'
import { costs } from './costs'
import { staffScreens } from './staff-screens'
import { reports } from './reports'
import { inflowReports } from './reports-inflow'
import { reportsOccupancy } from './reports-occupancy'
import { checklists } from './checklists'
import { documentPackage } from './document-package'

export const ru: Catalogue = {
  ...common,
  ...workspace,
  ...clients,
  ...errors,
  ...shell,
  ...auth,
  ...users,
  ...branches,
  ...audit,
  ...timetable,
  ...alerts,
  ...alertPanel,
  ...exportFiles,
  ...backups,
  ...system,
  ...collab,
  ...passes,
  ...passVisits,
  ...wall,
  ...passesScreens,
  ...settings,
  ...progress,
  ...setup,
  ...fieldHistory,
  ...auditReport,
  ...auditHighlight,
  ...auditPlain,
  ...stock,
  ...purchasing,
  ...loans,
  ...stockScreens,
  ...sales,
  ...staff,
  ...payroll,
  ...costs,
  ...staffScreens,
  ...reports,
  ...inflowReports,
  ...reportsOccupancy,
  ...checklists,
  ...documentPackage,
}
