import { describe, expect, it } from 'vitest'
import { LocaleController } from './locale-controller'
import { currentLocale, setLocale, subscribeLocale, t } from './locale'

describe('the tab’s language', () => {
  it('switches every message at once and tells the subscribers; the controller re-renders its host', () => {
    setLocale('en')
    const seen: string[] = []
    const off = subscribeLocale((l) => seen.push(l))
    let updates = 0
    const controllers: Array<{ hostConnected(): void; hostDisconnected(): void }> = []
    const host = {
      addController: (c: { hostConnected(): void; hostDisconnected(): void }) => void controllers.push(c),
      requestUpdate: () => void updates++,
    }
    const controller = new LocaleController(host as never)
    controller.hostConnected()
    expect(t('common.save')).toBe('Save')
    setLocale('ru')
    expect(currentLocale()).toBe('ru')
    expect(t('common.save')).toBe('Сохранить')
    expect(t('lessons.count', { count: 5 })).toBe('5 занятий')
    setLocale('hy')
    expect(t('common.save')).toBe('Պահպանել')
    expect(seen).toEqual(['ru', 'hy'])
    expect(updates).toBe(2)
    controller.hostDisconnected()
    setLocale('en')
    expect(updates).toBe(2)
    off()
    expect(controllers).toHaveLength(1)
  })
})
