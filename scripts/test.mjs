// `npm test`: everything a fresh machine needs to pass the whole suite, then the suite.
// Installs Debian's Chromium when it is missing (the end-to-end tests drive it), checks types
// and lint, runs unit, integration and end-to-end tests, and closes with one plain summary line.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function run(command, args, options = {}) {
  console.log(`\n$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  return result.status ?? 1;
}

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  console.log(`Chromium is not installed at ${CHROMIUM}; installing Debian's package (chromium).`);
  const asRoot = process.getuid?.() === 0;
  const sudo = asRoot ? [] : ['sudo', '-n'];
  const apt = (...args) =>
    run(sudo[0] ?? 'apt-get', [...sudo.slice(1), ...(asRoot ? [] : ['apt-get']), ...args], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  if (
    apt('update', '-qq') !== 0 ||
    apt('install', '-y', '-qq', 'chromium') !== 0 ||
    !existsSync(CHROMIUM)
  ) {
    console.error('Could not install Chromium. Install it with: sudo apt-get install chromium');
    process.exit(1);
  }
}

function vitestSummary(reportFile) {
  if (!existsSync(reportFile)) return null;
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  const skipped = report.numPendingTests + report.numTodoTests;
  return `${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`;
}

ensureChromium();
execFileSync('node', ['--version'], { stdio: 'inherit' });
if (run('npm', ['run', '--silent', 'typecheck']) !== 0) process.exit(1);
if (run('npm', ['run', '--silent', 'lint']) !== 0) process.exit(1);

const reportDir = mkdtempSync(join(tmpdir(), 'balai-test-'));
const reportFile = join(reportDir, 'vitest.json');
const status = run('npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${reportFile}`,
]);
const summary = vitestSummary(reportFile);
rmSync(reportDir, { recursive: true, force: true });
console.log(summary ? `\n${summary}` : '\nNo test report was written.');
process.exit(status);
