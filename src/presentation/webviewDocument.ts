import { wordsLocale } from '../model/locale';
import { escapeHtml } from './detailsMarkup';

/**
 * The HTML document of a webview (details panel, job timeline): one Content-Security-Policy for all
 * of them — nothing but the extension's styles, images and the one script carrying this render's nonce.
 */
export function webviewDocument(input: {
  readonly title: string;
  readonly cspSource: string;
  readonly nonce: string;
  readonly styleUris: readonly string[];
  readonly scriptUri: string;
  /** The document's `<main>` element, whole. */
  readonly main: string;
}): string {
  const csp = `default-src 'none'; style-src ${input.cspSource}; script-src 'nonce-${input.nonce}'; img-src ${input.cspSource} data:;`;
  return `<!DOCTYPE html>
<html lang="${escapeHtml(wordsLocale())}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${input.styleUris.map((uri) => `<link rel="stylesheet" href="${escapeHtml(uri)}">`).join('\n')}
<title>${escapeHtml(input.title)}</title>
</head>
<body>
${input.main}
<script nonce="${escapeHtml(input.nonce)}" src="${escapeHtml(input.scriptUri)}"></script>
</body>
</html>`;
}
