import type { collab as source } from '../en/collab'

export const collab: Record<keyof typeof source, string> = {
  'collab.notice.readOnly': 'Այս փաստաթուղթը կարող եք կարդալ, բայց ոչ փոխել․ ձեր փոփոխությունները չեն պահպանվում։',
  'collab.notice.readWrite': 'Այժմ կարող եք խմբագրել այս փաստաթուղթը։',
  'collab.notice.resync':
    'Ձեր որոշ փոփոխություններ հենվում են սերվերին դեռ չհասած փոփոխությունների վրա․ դրանք նորից ուղարկվում են։',

  'collab.closed.sessionEnded': 'Ձեր աշխատաշրջանն ավարտվել է։ Կրկին մուտք գործեք։',
  'collab.closed.accessChanged': 'Ձեր մուտքի իրավունքները փոխվել են․ վերամիացում…',
  'collab.closed.badRequest': 'Այս փաստաթուղթը հնարավոր չէ բացել։',
  'collab.closed.forbidden': 'Դուք իրավունք չունեք բացելու այս փաստաթուղթը։',
  'collab.closed.noLongerAllowed': 'Դուք այլևս իրավունք չունեք բացելու այս փաստաթուղթը։',
  'collab.closed.gone': 'Այս փաստաթուղթն այլևս հասանելի չէ։',
  'collab.closed.tooLarge':
    'Փոփոխությունը չափազանց մեծ է, այն հնարավոր չէ պահպանել։ Վերաբեռնեք էջը․ ձեր վերջին փոփոխությունը կարող է կորած լինել։',
  'collab.closed.flood': 'Միանգամից չափազանց շատ փոփոխություններ․ վերամիացում…',
  'collab.closed.malformed': 'Սերվերը չհասկացավ էջի ուղարկածը․ վերամիացում…',
  'collab.closed.unavailable': 'Սերվերին չհաջողվեց բեռնել կամ պահպանել այս փաստաթուղթը․ նոր փորձ…',
  'collab.closed.goingAway': 'Սերվերը վերագործարկվում է․ վերամիացում…',

  'collab.refused.badName': 'Այս փաստաթուղթը հնարավոր չէ բացել․ անվանումը սխալ է։',
  'collab.refused.unknownType': 'Այս փաստաթուղթը հնարավոր չէ բացել․ նման տեսակի փաստաթուղթ չկա։',
  'collab.refused.noSuchClient': 'Այս քարտը հնարավոր չէ բացել․ նման հաճախորդ չկա։',
  'collab.refused.clientErased': 'Այս հաճախորդի տվյալները ջնջված են․ նրա քարտն այլևս չկա։',
  'collab.refused.clientErasing': 'Այս հաճախորդի տվյալները ջնջվում են․ նրա քարտը հնարավոր չէ բացել։',
}
