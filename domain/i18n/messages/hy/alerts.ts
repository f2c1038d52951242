import type { alerts as source } from '../en/alerts'

export const alerts: Record<keyof typeof source, string> = {
  'alerts.legacy': '{text}',
  'alerts.erasedClient': 'Ջնջված հաճախորդ',
  'alerts.concernsErasedClient': 'Վերաբերում է ջնջված հաճախորդի',
  'alerts.aLesson': 'դաս',
  'alerts.theTeacher': 'Ուսուցիչը',
  'alerts.clientFileIncomplete': '{client}. հաճախորդի քարտը լրացված չէ ({problems})',
  'alerts.roomClash': '{room}. կրկնակի ամրագրում, {when}. {lessons}',
  'alerts.teacherClash': '{teacher}. միաժամանակ երկու դաս, {when}. {lessons}',
  'alerts.overCapacity':
    '{group}, {when}. {members, plural, one {# մասնակից} other {# մասնակից}}, իսկ սենյակը կամ նորման թույլ է տալիս {capacity}',
  'alerts.waitingListOffer': '{group} խմբում տեղ է ազատվել. առաջարկեք այն հաճախորդին՝ {client} (սպասման ցուցակում առաջինն է)',
  'alerts.lessonCancelled':
    'Դասը ({when}) չեղարկվել է{hasReason, select, yes { ({reason})} other {}}. {members, plural, =0 {տեղեկացնելու ոչ ոք չկա} other {տեղեկացրեք՝ {names}}}{makeUp, select, yes {. առաջարկվել է լրացուցիչ դաս} other {}}',
}
