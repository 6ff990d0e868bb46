import type { Language } from '../i18n/messages.js';
import { SELF_TEST_MESSAGES } from '../i18n/selfTestMessages.js';
import { escapeHtml } from '../render/escape.js';
import type { SelfTestOptions } from './SelfTestOptions.js';

export const SELF_TEST_PATHS = {
  page: '/self-test',
  script: '/self-test.js',
  ping: '/self-test/ping',
  echo: '/self-test/echo',
} as const;

/**
 * The self-test page: the words and settings travel as a JSON block the script reads (escaped so
 * that no text can close the block), the results are written by the script as text. Without
 * JavaScript the page says how to turn it on.
 */
export function renderSelfTest(pageName: string, lang: Language, options: SelfTestOptions): string {
  const m = SELF_TEST_MESSAGES[lang];
  const config = {
    messages: m,
    iceServers: options.iceServers,
    slowMs: options.slowMs ?? 1000,
    iceTimeoutMs: options.iceTimeoutMs ?? 5000,
    pingPath: SELF_TEST_PATHS.ping,
    echoPath: SELF_TEST_PATHS.echo,
  };
  const title = `${m.title} · ${pageName}`;
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta name="robots" content="noindex" />
<title>${escapeHtml(title)}</title>
<style>body{margin:0 auto;max-width:40rem;padding:1rem;font:16px/1.5 system-ui,sans-serif;color:#1f2328}button{font:inherit;padding:.5rem 1rem}ul{padding-left:0;list-style:none}li{margin:.5rem 0}li[data-ok=true] strong{color:#1a7f37}li[data-ok=false] strong{color:#c4162a}#summary{font-weight:600}</style>
</head>
<body>
<main>
<p><a href="/?lang=${lang}">${escapeHtml(pageName)}</a></p>
<h1>${escapeHtml(m.title)}</h1>
<p>${escapeHtml(m.intro)}</p>
<p id="no-script">${escapeHtml(m.noScript)}</p>
<button id="start" type="button" hidden>${escapeHtml(m.start)}</button>
<ul id="results" aria-live="polite"></ul>
<p id="summary" data-testid="summary" aria-live="polite"></p>
</main>
<script type="application/json" id="self-test-config">${jsonForScript(config)}</script>
<script src="${SELF_TEST_PATHS.script}"></script>
</body>
</html>
`;
}

/** JSON that cannot end its <script> block or start a comment: `<`, `>`, `&` and line separators escaped. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
