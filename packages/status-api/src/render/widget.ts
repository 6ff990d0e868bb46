import { MESSAGES } from '../i18n/messages.js';
import { PAGE_MESSAGES } from '../i18n/pageMessages.js';
import { html, isolateBidi, safeHttpUrl, trustedHtml } from './escape.js';
import { fillHtml, fillText, formatDate, isoInstant } from './format.js';
import { PAGE_COLORS as C, stateColorCss } from './palette.js';
import { PUBLIC_PATHS, type WidgetView } from './view.js';

// Sized for a 300×80 iframe on a partner's page; the partner's styles cannot reach in, ours cannot leak out.
const CSS =
  `html,body{margin:0;height:100%;overflow:hidden;background:${C.background};color:${C.text}}` +
  'body{font:14px/1.35 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}' +
  `main{box-sizing:border-box;height:100%;padding:.5rem .75rem;border:1px solid ${C.border};border-radius:.4rem}` +
  'p{margin:0;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}.name{font-weight:600}' +
  '.st{color:var(--c);font-weight:700}' +
  '.dot{display:inline-block;width:.7em;height:.7em;margin-right:.35em;border-radius:50%;background:var(--c)}' +
  `small{color:${C.muted}}a{color:${C.link}}` +
  stateColorCss();

/**
 * The iframe widget partners embed (~300×80): one component's name, state and when it was
 * updated, and a link to the full page that leaves the frame. No script: it works inside
 * `sandbox="allow-top-navigation-by-user-activation"`.
 */
export function renderWidget(view: WidgetView): string {
  const { lang, component } = view;
  const m = PAGE_MESSAGES[lang];
  const state = view.sourceFresh || component.state === 'maintenance' ? component.state : 'unknown';
  const word = MESSAGES[lang].states[state];
  const base = safeHttpUrl(view.baseUrl) ?? '';
  const doc = html`<html lang="${lang}" dir="ltr">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${isolateBidi(component.name)}: ${word}</title>
<style>${trustedHtml(CSS)}</style>
</head>
<body>
<main class="s-${state}">
<p class="name"><bdi>${component.name}</bdi></p>
<p><span class="dot" aria-hidden="true"></span><span class="st">${word}</span></p>
<p><small>${fillHtml(m.updatedAt, { time: html`<time datetime="${isoInstant(view.generatedAt)}">${formatDate(view.generatedAt, 'short', lang, view.timeZone)}</time>` })} · <a href="${base}${PUBLIC_PATHS.page}?lang=${lang}" target="_top" rel="noopener" title="${fillText(m.statusOf, { name: isolateBidi(view.page.name) })}">${m.widgetLink}</a></small></p>
</main>
</body>
</html>
`;
  return `<!DOCTYPE html>\n${doc.value}`;
}
