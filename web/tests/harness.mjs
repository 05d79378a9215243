// What the browser tests share: the repository, their options (--saylau, --out), running the
// saylau command, `saylau serve` on a free loopback port with the built dashboard, and Debian's
// Chromium (playwright-core) kept off the network.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
export const saylau = resolve(option('--saylau', join(repo, 'build/release/src/cli/saylau')));
export const out = resolve(option('--out', join(repo, 'build/test-output/browser')));
mkdirSync(out, { recursive: true });

// saylau ARGS..., its standard output as text; throws when it exits non-zero.
export const run = (...args) => execFileSync(saylau, args, { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] }).toString();

// `saylau serve --db DB` with the dashboard of web/dist: the process at once (to stop it later),
// and the dashboard's address once the server prints it (rejected if it exits first or the
// dashboard is not built).
export function serve(db, ...more) {
  const server = spawn(saylau, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--web', join(repo, 'web/dist'), ...more], { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = new Promise((resolveUrl, reject) => {
    let text = '';
    server.stdout.on('data', (chunk) => {
      text += chunk;
      const found = text.match(/dashboard\s+(http:\/\/[0-9.:]+)\/(\s+\(not built)?/);
      if (found && found[2]) reject(new Error('the dashboard is not built (web/dist): run scripts/build-web'));
      else if (found) resolveUrl(found[1]);
    });
    server.on('exit', (code) => reject(new Error(`saylau serve exited with ${code}: ${text}`)));
  });
  return { server, url };
}

// Debian's Chromium, headless, with a profile under `profileDir` and no network of its own.
export function launchChromium(profileDir, viewport) {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}
