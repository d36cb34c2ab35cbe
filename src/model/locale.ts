/**
 * The display language (VS Code's `vscode.env.language`, e.g. "en", "zh-cn"), set once at
 * activation: dates, times and relative times follow it through Intl, as the UI's words do.
 */
let current = 'en';

export function setDisplayLocale(locale: string): void {
  current = locale || 'en';
}

/** A BCP 47 tag Intl understands ("zh-cn" → "zh-CN"); 'en' when unknown. */
export function displayLocale(): string {
  try {
    return Intl.getCanonicalLocales(current)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/** Whether the UI is in English, where a status's raw API value alone is its name. */
export function isEnglish(): boolean {
  return displayLocale().toLowerCase().startsWith('en');
}
