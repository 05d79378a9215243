// The download page (#/downloads): every file of the published bundle (saylau serve --bundle
// DIR, GET /api/v1/downloads) with its size in bytes, its SHA-256 and a link, and the command
// that checks them all offline (saylau verify). Without a bundle it says how one is published.
import { el, esc, skeleton } from '../dom';
import { formatNumber, t } from '../i18n';
import { renderTable } from '../table';

export type DownloadFile = { path: string; bytes: number; sha256: string; url: string };
export type Downloads = { election: string; signed: boolean; log_key: string; files: DownloadFile[] };

// The listing, or null when the server publishes no bundle (404 no-bundle).
async function fetchDownloads(): Promise<Downloads | null> {
  const response = await fetch('/api/v1/downloads', { cache: 'no-cache' });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`/api/v1/downloads: ${response.status}`);
  return (await response.json()) as Downloads;
}

// The path's segments escaped for a URL, the slashes kept.
const href = (file: DownloadFile) => file.url.split('/').map(encodeURIComponent).join('/');

export async function renderDownloads(root: HTMLElement): Promise<void> {
  const downloads = await fetchDownloads();
  skeleton(
    root,
    'downloads',
    `<section class="card wide"><h2 data-l="downloads"></h2><p id="downloads-about" class="muted"></p><div id="downloads-host"></div></section>
     <section class="card wide"><h2 data-l="checkThem"></h2><p data-l="checkThemHow"></p><pre class="command" id="verify-command"></pre></section>`,
  );
  el(root, '#downloads-about').textContent = downloads ? (downloads.signed ? t('bundleSigned') : t('bundleUnsigned')) : t('noBundle');
  const key = downloads?.log_key || t('theLogKey');
  el(root, '#verify-command').textContent = `saylau verify bundle --log-key ${key}`;
  renderTable<DownloadFile>(el(root, '#downloads-host'), {
    id: 'downloads-table',
    file: 'downloads',
    empty: t('noBundle'),
    rows: downloads?.files ?? [],
    rowAttrs: (f) => ` data-path="${esc(f.path)}"`,
    pageSize: 100,
    columns: [
      { label: t('file'), value: (f) => f.path, html: (f) => `<a href="${esc(href(f))}" download>${esc(f.path)}</a>` },
      { label: t('bytes'), num: true, value: (f) => f.bytes, html: (f) => esc(formatNumber(f.bytes)) },
      { label: 'SHA-256', value: (f) => f.sha256, sortable: false, html: (f) => `<code class="hash">${esc(f.sha256)}</code>` },
    ],
    record: (f) => ({ path: f.path, bytes: f.bytes, sha256: f.sha256 }),
  });
}
