// The dashboard's offer to news sites: the <iframe> code of the embeddable widget (web/embed.html,
// served at /embed) for a contest, in the page's language, to copy into another site.
import { esc } from '../dom';
import { lang, t } from '../i18n';

export function embedAddress(contest: string, language = lang()): string {
  return `${location.origin}/embed?contest=${encodeURIComponent(contest)}&lang=${language}`;
}

export function embedSnippetHtml(contest: string): string {
  const code = `<iframe src="${embedAddress(contest)}" width="100%" height="460" style="border:0;max-width:40rem" title="saylau" loading="lazy"></iframe>`;
  return `<section class="card wide no-print" id="embed-card" aria-labelledby="embed-title"><h2 id="embed-title">${esc(t('embedTitle'))}</h2>
    <p class="note">${esc(t('embedHint'))}</p><pre id="embed-code" tabindex="0"><code>${esc(code)}</code></pre></section>`;
}
