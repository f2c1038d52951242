import { t } from '../../i18n/locale'
import { LEAD_SOURCES, LEAVE_REASONS } from '../../data/clients'
import { leadSourceLabel, leaveReasonLabel } from '../clients/labels'

/** How a client heard of the center, as shown ('' or an unknown code: not recorded). */
export const sourceLabel = (s: string) =>
  (LEAD_SOURCES as readonly string[]).includes(s) ? leadSourceLabel(s) : t('reports.inflow.notRecorded')

/** Why a client left, as shown: a leave reason, a non-renewal, or none given. */
export function reasonLabel(r: string): string {
  if (r === 'non_renewal') return t('reports.reason.non_renewal')
  return (LEAVE_REASONS as readonly string[]).includes(r) ? leaveReasonLabel(r) : t('reports.reason.none')
}
