import { createRouter } from '../../../http/openapi'

/** Employees, their files, pay schemes, adjustments and services outside the timetable. */
export const employeeRoutes = createRouter()
