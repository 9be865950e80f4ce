// Builds the renderer and the Electron glue once before the end-to-end suites, as `npm start` does.
import { execFileSync } from 'node:child_process';

export default function buildOnce() {
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
}
