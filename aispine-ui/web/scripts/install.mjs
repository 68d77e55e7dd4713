// Installs the console's npm packages exactly as package-lock.json says (npm ci), but only when
// the lock changed since the last install: npm ci deletes node_modules first, which would cost
// every Maven build tens of seconds. Usage: node scripts/install.mjs [npm cache dir]
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const marker = 'node_modules/.aispine-lock.sha256';
const lock = createHash('sha256').update(readFileSync('package-lock.json')).digest('hex');
if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === lock) {
  console.log('aispine-ui: node_modules matches package-lock.json, npm ci skipped');
  process.exit(0);
}
const args = ['ci', '--prefer-offline', '--no-audit', '--no-fund'];
if (process.argv[2]) {
  args.push('--cache', process.argv[2]);
}
console.log(`aispine-ui: npm ${args.join(' ')}`);
const npm = spawnSync('npm', args, { stdio: 'inherit', shell: process.platform === 'win32' });
if (npm.status !== 0) {
  console.error('aispine-ui: npm ci failed; check that the npm registry is reachable (npm config get registry)');
  process.exit(npm.status ?? 1);
}
writeFileSync(marker, lock + '\n');
