import { alerts } from './alerts'
import { audit } from './audit'
import { auth } from './auth'
import { backups } from './backups'
import { branches } from './branches'
import { center } from './center'
import { checklists } from './checklists'
import { clients } from './clients'
import { docs } from './docs'
import { documentPackage } from './document-package'
import { loans } from './loans'
import type { Module } from './module'
import { passes } from './passes'
import { reports } from './reports'
import { sales } from './sales'
import { staff } from './staff'
import { stock } from './stock'
import { system } from './system'
import { timetable } from './timetable'
import { users } from './users'
import { wall } from './wall'
import { workspace } from './workspace'

/**
 * Every area of the center, in boot order (seed steps run in this order too: the branches, then the
 * staff who work in them, then clients and the timetable). A new area is a new folder under
 * server/modules/ with an index.ts manifest, and one line here.
 */
export const MODULES: readonly Module[] = [
  auth,
  center,
  branches,
  users,
  audit,
  docs,
  alerts,
  workspace,
  clients,
  timetable,
  passes,
  stock,
  sales,
  loans,
  staff,
  checklists,
  reports,
  documentPackage,
  wall,
  system,
  backups,
]
