import type { inflowReports as source } from '../en/reports-inflow'

export const inflowReports: Record<keyof typeof source, string> = {
  'reports.inflow.title': 'Ներհոսք և պահպանում',
  'reports.inflow.lead':
    'Նոր հաճախորդներ և որտեղից են իմացել մեր մասին, փորձնականից վճարովի անցածները, որքան երկար են հաճախորդները պահում գործող աբոնեմենտ, ով է հեռացել և ինչու, և որքան է բերում հաճախորդն իր ամբողջ ընթացքում։',
  'reports.inflow.view': 'Ցույց տալ',
  'reports.inflow.view.new': 'Նոր հաճախորդներ',
  'reports.inflow.view.trials': 'Փորձնականից վճարովի',
  'reports.inflow.view.cohorts': 'Պահպանում ըստ խմբաքանակի',
  'reports.inflow.view.churn': 'Հեռացածներ և պատճառներ',
  'reports.inflow.view.revenue': 'Եկամուտ ամբողջ ընթացքում',
  'reports.inflow.notRecorded': 'Նշված չէ',
  'reports.reason.non_renewal': 'Չի երկարաձգել',
  'reports.inflow.col.newClients': 'Նոր հաճախորդներ',
  'reports.inflow.col.trials': 'Փորձնական',
  'reports.inflow.col.converted': 'Գնել են աբոնեմենտ',
  'reports.inflow.col.conversion': 'Փոխակերպում',
  'reports.inflow.col.cohort': 'Առաջին աբոնեմենտ',
  'reports.inflow.col.monthN': '{n}-րդ ամիս',
  'reports.inflow.col.revenue': 'Ընդհանուր եկամուտ',
  'reports.inflow.col.average': 'Միջինը մեկ հաճախորդի',
  'reports.inflow.col.median': 'Մեդիանը մեկ հաճախորդի',
  'reports.inflow.col.reason': 'Պատճառ',
  'reports.inflow.col.leftCenter': 'Հեռացել են կենտրոնից',
  'reports.inflow.col.leftGroups': 'Դուրս են եկել խմբից',
  'reports.inflow.summary.new': 'Ժամանակահատվածում՝ {count} նոր հաճախորդ',
  'reports.inflow.summary.trials': '{started} փորձնականից {converted}-ը գնել են աբոնեմենտ ({rate})',
  'reports.inflow.summary.days': 'Օրեր մինչև առաջին աբոնեմենտը՝ միջինը {average}, մեդիանը {median}',
  'reports.inflow.summary.churn': 'Կենտրոնից հեռացել է {clients} հաճախորդ, խմբից դուրս է եկել {leavers}-ը',
  'reports.inflow.summary.cohorts': 'Ժամանակահատվածում սկսել է {clients} հաճախորդ (առաջին աբոնեմենտը)',
  'reports.inflow.curve': 'Պահպանման կոր՝ գործող աբոնեմենտ ունեցողների բաժինը՝ ըստ առաջին աբոնեմենտից անցած ամիսների',
  'reports.inflow.chart.retained': 'Դեռ ունեն աբոնեմենտ',
  'reports.inflow.chart.months': 'Ամիսներ առաջին աբոնեմենտից հետո',
  'reports.inflow.cohortsNote':
    'Յուրաքանչյուր տող՝ հաճախորդներ, որոնց առաջին աբոնեմենտը սկսվել է այդ ամսին, յուրաքանչյուր վանդակ՝ այդքան ամիս անց գործող աբոնեմենտ ունեցողների բաժինը։ Դատարկ՝ դեռ չի հասել։',
  'reports.inflow.trialsNote':
    'Ժամանակահատվածում փորձնական դարձած հաճախորդներ. փոխակերպված՝ այդ օրը կամ դրանից հետո գնել են աբոնեմենտ։',
  'reports.inflow.revenueNote':
    'Ժամանակահատվածում սկսած հաճախորդներ (առաջին աբոնեմենտ)՝ հաշիվները հանած վերադարձները ամբողջ ընթացքում։',
  'reports.inflow.days': '{days} օր',
}
