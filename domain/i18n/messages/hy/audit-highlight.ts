import type { auditHighlight as en } from '../en/audit-highlight'

/** "Highlight since audit" in the timetable and client file, and the queried changes in the workspace. */
export const auditHighlight: Record<keyof typeof en, string> = {
  'audit.highlight.error.restricted': 'Այս փաստաթղթի փոփոխությունները չեն ընդգծվում․ դրա բովանդակությունը սահմանափակ է։',
  'audit.highlight.toggle': 'Ընդգծել աուդիտից հետո',
  'audit.highlight.toggleHint': 'Ընդգծել այն, ինչ ավելացվել կամ փոխվել է վերջին աուդիտի փակումից հետո',
  'audit.highlight.legend.since': 'Ընդգծված են աուդիտից հետո կատարված փոփոխությունները (աուդիտը փակել է՝ {login}, {date})',
  'audit.highlight.legend.sinceUnknown': 'Ընդգծված են աուդիտից հետո կատարված փոփոխությունները (աուդիտը փակվել է {date})',
  'audit.highlight.legend.start': 'Ընդգծված են բոլոր փոփոխությունները սկզբից ի վեր (դեռ ոչ մի աուդիտ չի փակվել)',
  'audit.highlight.removed': '{count, plural, one {Հեռացվել է # դաս} other {Հեռացվել է # դաս}}',
  'audit.highlight.nothing': 'Այդ պահից ի վեր ոչինչ չի փոխվել։',
  'audit.highlight.loading': 'Փնտրում ենք աուդիտից հետո կատարված փոփոխությունները…',
  'audit.highlight.failed': 'Չհաջողվեց բեռնել աուդիտից հետո կատարված փոփոխությունները։',
  'audit.highlight.changed': 'Փոխվել է աուդիտից հետո',
  'audit.highlight.fields': '{count, plural, one {Փոխվել է # դաշտ} other {Փոխվել է # դաշտ}}',
  'audit.queried.title': 'Ձեզ ուղղված հարցեր',
  'audit.queried.intro':
    'Աուդիտորը հարցեր ունի այս փոփոխությունների վերաբերյալ։ Խնդրում ենք ստուգել դրանք և պատասխանել աուդիտորին։',
  'audit.queried.changedBy': 'Փոխել է՝ {login}, {time}',
  'audit.queried.by': 'Հարցրել է՝ {login}, {time}',
  'audit.queried.comment': 'Աուդիտորի մեկնաբանությունը',
  'audit.queried.noComment': 'Մեկնաբանություն չկա։',
  'audit.queried.open': 'Բացել',
  'audit.queried.more': '{count, plural, one {ևս # փոփոխություն} other {ևս # փոփոխություն}}',
  'audit.queried.someone': 'ինչ-որ մեկը',
}
