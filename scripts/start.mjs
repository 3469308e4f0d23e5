#!/usr/bin/env node
/**
 * `npm start` (after the build): run the desktop app when an Electron binary is installed, else
 * fall back to the headless core (`node dist/main/node/serve.js`) with the same arguments.
 *
 * The check reads node_modules/electron/path.txt and looks for the file it names. It must NOT
 * `require('electron')`: that package's index.js tries to *download* the binary when it is missing,
 * and nothing here may download binaries (CI installs with ELECTRON_SKIP_BINARY_DOWNLOAD=1).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { constants as osConstants } from 'node:os';

/** Project root (the folder holding package.json). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Path of the installed Electron binary, or undefined when there is none.
 * Honours ELECTRON_OVERRIDE_DIST_PATH the way the electron package does.
 */
export function findElectronBinary(root = PROJECT_ROOT, env = process.env, fs = { existsSync, readFileSync }) {
  const pkgDir = join(root, 'node_modules', 'electron');
  const pathFile = join(pkgDir, 'path.txt');
  const relative = fs.existsSync(pathFile) ? String(fs.readFileSync(pathFile, 'utf8')).trim() : undefined;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
    return fs.existsSync(candidate) ? candidate : undefined;
  }
  if (!relative) return undefined;
  const candidate = join(pkgDir, 'dist', relative);
  return fs.existsSync(candidate) ? candidate : undefined;
}

/**
 * Decide how to start. Returns `{ mode: 'electron', electronPath }` or `{ mode: 'headless', reason }`.
 * Headless when forced (SCIMDESK_HEADLESS=1), when no Electron binary is installed, or on Linux
 * without a display (a server box over SSH).
 */
export function chooseLaunchMode({ root = PROJECT_ROOT, env = process.env, platform = process.platform, fs = { existsSync, readFileSync } } = {}) {
  if (env.SCIMDESK_HEADLESS === '1' || env.SCIMDESK_HEADLESS === 'true') {
    return { mode: 'headless', reason: 'SCIMDESK_HEADLESS is set' };
  }
  const electronPath = findElectronBinary(root, env, fs);
  if (electronPath === undefined) {
    return { mode: 'headless', reason: 'no Electron binary is installed (node_modules/electron has no downloaded dist)' };
  }
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { mode: 'headless', reason: 'no display (DISPLAY/WAYLAND_DISPLAY unset)' };
  }
  return { mode: 'electron', electronPath };
}

/** The command line for a decision: electron on the project root (package.json "main"), or node serve.js. */
export function commandFor(decision, args, root = PROJECT_ROOT, nodePath = process.execPath) {
  if (decision.mode === 'electron') return { command: decision.electronPath, args: [root, ...args] };
  return { command: nodePath, args: [join(root, 'dist', 'main', 'node', 'serve.js'), ...args] };
}

/** Run the child with inherited stdio, forward termination signals once each, and mirror its exit. */
function run(decision, args) {
  const { command, args: childArgs } = commandFor(decision, args);
  if (decision.mode === 'headless' && !existsSync(childArgs[0])) {
    process.stderr.write(`scim-desk: ${childArgs[0]} is missing; run \`npm run build\` first.\n`);
    process.exit(1);
  }
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // would turn the Electron binary into plain Node
  const child = spawn(command, childArgs, { stdio: 'inherit', env });
  const forwarded = new Set();
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      // Once per signal: a terminal Ctrl+C already reached the child through the process group.
      if (forwarded.has(signal) || child.exitCode !== null) return;
      forwarded.add(signal);
      child.kill(signal);
    });
  }
  child.on('error', (error) => {
    process.stderr.write(`scim-desk: could not start ${command}: ${error.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    process.exit(code ?? 128 + (signal ? (osConstants.signals[signal] ?? 0) : 1));
  });
}

function main() {
  const args = process.argv.slice(2);
  const decision = chooseLaunchMode();
  if (decision.mode === 'headless') {
    process.stderr.write(`scim-desk: ${decision.reason}; falling back to headless serve (SCIM + admin UI in your browser).\n`);
  }
  run(decision, args);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
