// The progress card every results page shows: stations reported, a bar, and the stage.
import type { Results } from '../api';
import { esc } from '../dom';
import { formatNumber, formatPercent, t } from '../i18n';

export function progressHtml(results: Results): string {
  const p = results.progress;
  const share = p.expected > 0 ? (100 * p.reported) / p.expected : 0;
  return `<div class="progress-line">
      <span class="stage stage-${esc(results.stage)}" data-stage="${esc(results.stage)}">${esc(t(results.stage))}</span>
      <span id="reported" data-reported="${p.reported}" data-expected="${p.expected}">${formatNumber(p.reported)} / ${formatNumber(p.expected)} ${esc(t('reported'))}
      (${esc(formatPercent(p.reported, p.expected))})</span>
      ${results.partial ? `<span class="partial">${esc(t('partial'))}</span>` : ''}
    </div>
    <div class="bar" role="progressbar" aria-label="${esc(t('progress'))}" aria-valuetext="${esc(`${formatNumber(p.reported)} / ${formatNumber(p.expected)}`)}" aria-valuenow="${share.toFixed(2)}" aria-valuemin="0" aria-valuemax="100"><div style="width:${share}%"></div></div>`;
}
