import type { collab as source } from '../en/collab'

export const collab: Record<keyof typeof source, string> = {
  'collab.notice.readOnly': 'Вы можете читать этот документ, но не изменять его: ваши правки не сохраняются.',
  'collab.notice.readWrite': 'Теперь вы можете редактировать этот документ.',
  'collab.notice.resync': 'Часть ваших правок опирается на изменения, которых сервер ещё не получил; отправляем их заново.',

  'collab.closed.sessionEnded': 'Ваш сеанс завершён. Войдите снова.',
  'collab.closed.accessChanged': 'Ваши права доступа изменились; переподключаемся…',
  'collab.closed.badRequest': 'Этот документ нельзя открыть.',
  'collab.closed.forbidden': 'У вас нет доступа к этому документу.',
  'collab.closed.noLongerAllowed': 'У вас больше нет доступа к этому документу.',
  'collab.closed.gone': 'Этот документ больше недоступен.',
  'collab.closed.tooLarge':
    'Изменение слишком большое, сохранить его нельзя. Перезагрузите страницу; последнее изменение могло потеряться.',
  'collab.closed.flood': 'Слишком много изменений сразу; переподключаемся…',
  'collab.closed.malformed': 'Сервер не понял, что отправила страница; переподключаемся…',
  'collab.closed.unavailable': 'Серверу не удалось загрузить или сохранить этот документ; пробуем снова…',
  'collab.closed.goingAway': 'Сервер перезапускается; переподключаемся…',

  'collab.refused.badName': 'Этот документ нельзя открыть: неверное имя документа.',
  'collab.refused.unknownType': 'Этот документ нельзя открыть: такого типа документов нет.',
  'collab.refused.noSuchClient': 'Эту карточку нельзя открыть: такого клиента нет.',
  'collab.refused.clientErased': 'Данные этого клиента удалены: его карточки больше нет.',
  'collab.refused.clientErasing': 'Данные этого клиента удаляются: его карточку нельзя открыть.',
}
