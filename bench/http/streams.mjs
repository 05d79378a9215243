// Opens N event streams (GET /api/v1/events) to a saylau server, then, for each of a few signed
// submissions posted by a separate `saylau submit`, measures how long until every stream has
// received its event. Prints one JSON line: clients, connect seconds, fan-out seconds.
//   node bench/http/streams.mjs URL CLIENTS SAYLAU KEYFILE PROTOCOL.csv
import http from 'node:http';
import { execFileSync } from 'node:child_process';

const [url, clientsText, saylau, key, protocol] = process.argv.slice(2);
const clients = Number(clientsText);
const { hostname, port } = new URL(url);
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
let received = 0;
let connected = 0;
let allReceived;
const started = performance.now();
const ready = new Promise((resolve, reject) => {
  for (let i = 0; i < clients; i++) {
    const request = http.get({ hostname, port, path: '/api/v1/events', agent }, (response) => {
      response.setEncoding('utf8');
      let opened = false;
      response.on('data', (chunk) => {
        if (!opened && chunk.includes(': connected')) {
          opened = true;
          if (++connected === clients) resolve();
        }
        if (chunk.includes('event: submission') && ++received === clients) allReceived();
      });
    });
    request.on('error', reject);
  }
});
await ready;
const connectSeconds = (performance.now() - started) / 1000;
const waitAll = new Promise((resolve) => (allReceived = resolve));
const sent = performance.now();
execFileSync(saylau, ['submit', '--server', url, '--key', key, protocol], { stdio: 'ignore' });
await waitAll;
const fanout = (performance.now() - sent) / 1000;
console.log(JSON.stringify({ clients, connect_seconds: connectSeconds, fanout_seconds: fanout }));
// The streams stay open by design; end the process rather than close 10,000 sockets one by one.
process.exit(0);
