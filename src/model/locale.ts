/**
 * The display language (VS Code's `vscode.env.language`, e.g. "en", "zh-cn"), set once at
 * activation: dates, times and relative times follow it through Intl, as the UI's words do.
 */
let current = 'en';
/** Whether the extension's words are in the display language (a bundle for it was loaded). */
let translated = false;

/**
 * `hasTranslation`: the extension's own words come in that language too. Without it (Japanese,
 * German… which this extension does not speak yet) the words stay English while dates still follow
 * the display language, as VS Code does for extensions it has no translation of.
 */
export function setDisplayLocale(locale: string, hasTranslation = false): void {
  current = canonical(locale || 'en');
  translated = hasTranslation;
}

/** A BCP 47 tag Intl understands ("zh-cn" → "zh-CN"); 'en' when unknown. */
export function displayLocale(): string {
  return current;
}

function canonical(locale: string): string {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/** A count as the display language writes numbers (12,345 / 12.345 / 12 345). */
export function formatCount(n: number): string {
  return n.toLocaleString(current);
}

/** The language the extension's words are in: the display language when translated, else English. */
export function wordsLocale(): string {
  return translated ? displayLocale() : 'en';
}

/** Whether the words are English, where a status's raw API value alone is its name. */
export function isEnglish(): boolean {
  return wordsLocale().toLowerCase().startsWith('en');
}
