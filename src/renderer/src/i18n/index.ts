// i18next setup: Spanish by default, English switchable (persisted through prefs.set {locale}).
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../../../shared/domain';
import { en } from './en';
import { es } from './es';

export { es, en };
export const dictionaries = { es, en } as const;

export function initI18n(lng: Locale): void {
  void i18next.use(initReactI18next).init({
    resources: { es: { translation: es }, en: { translation: en } },
    lng,
    fallbackLng: 'es',
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
  });
  document.documentElement.lang = lng;
}

export function setLocale(lng: Locale): void {
  if (i18next.language !== lng) void i18next.changeLanguage(lng);
  document.documentElement.lang = lng;
}

export { i18next };
