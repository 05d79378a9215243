// The live event stream (GET /api/v1/events, server-sent events): every accepted or rejected
// submission and every stage change. Listeners are told at most once per `interval` ms, so a
// burst of protocols redraws the page once; EventSource reconnects by itself.
export type LiveListener = () => void;

export function followEvents(onChange: LiveListener, onConnection: (connected: boolean) => void, interval = 1000): void {
  // A page opened to be printed (`?print`, as `saylau report --pdf` opens it) is a snapshot: an open
  // stream would keep headless Chromium waiting for the network to go quiet.
  if (new URLSearchParams(location.search).has('print')) return;
  let pending = false;
  let last = 0;
  const fire = () => {
    pending = false;
    last = Date.now();
    onChange();
  };
  const changed = () => {
    if (pending) return;
    pending = true;
    setTimeout(fire, Math.max(0, last + interval - Date.now()));
  };
  const source = new EventSource('/api/v1/events');
  source.addEventListener('submission', changed);
  source.addEventListener('stage', changed);
  source.onopen = () => onConnection(true);
  source.onerror = () => onConnection(false);
}
