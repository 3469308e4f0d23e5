import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import { join } from 'node:path';
import { findBinary, freePort, waitForPort } from './net.js';
import type { TestCa } from './test-ca.js';

/** Debian's pebble (ACME test server), or undefined when it is not installed (tests then skip, saying so). */
export const PEBBLE = findBinary('pebble');

export interface RunningPebble {
  /** `https://127.0.0.1:<port>/dir` */
  readonly directory: string;
  /** PEM of the root pebble generated at start (it signs every certificate it issues). */
  root(): Promise<string>;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Start pebble on loopback. Debian's package ships no test certificates, so its HTTPS API gets one
 * from `ca` (trust `ca.caCert` to talk to it). It validates HTTP-01 for real, on `httpPort` of the
 * domain (use `localhost`), at full speed (PEBBLE_VA_NOSLEEP), never rejects a good nonce
 * (PEBBLE_WFE_NONCEREJECT=0, else 5 % of requests fail on purpose) and never reuses an
 * authorization (so a renewal is validated again). `validitySeconds` makes short-lived certificates.
 */
export async function startPebble(dir: string, ca: TestCa, opts: { readonly httpPort: number; readonly validitySeconds?: number }): Promise<RunningPebble> {
  if (PEBBLE === undefined) throw new Error('pebble is not installed');
  const [api, management, tlsPort] = [await freePort(), await freePort(), await freePort()];
  const cert = ca.issue('pebble-api', ['127.0.0.1', 'localhost']);
  const config = join(dir, 'pebble.json');
  writeFileSync(
    config,
    JSON.stringify({
      pebble: {
        listenAddress: `127.0.0.1:${api}`,
        managementListenAddress: `127.0.0.1:${management}`,
        certificate: cert.cert,
        privateKey: cert.key,
        httpPort: opts.httpPort,
        tlsPort,
        ocspResponderURL: '',
        externalAccountBindingRequired: false,
        ...(opts.validitySeconds === undefined ? {} : { certificateValidityPeriod: opts.validitySeconds }),
      },
    }),
  );
  const env = { ...process.env, PEBBLE_VA_NOSLEEP: '1', PEBBLE_WFE_NONCEREJECT: '0', PEBBLE_AUTHZREUSE: '0' };
  const child = spawn(PEBBLE, ['-config', config, '-strict=false'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  try {
    await Promise.race([
      Promise.all([waitForPort(api), waitForPort(management)]),
      exited.then(() => {
        throw new Error(`pebble exited at start:\n${out}`);
      }),
    ]);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return {
    directory: `https://127.0.0.1:${api}/dir`,
    root: () =>
      new Promise((ok, fail) => {
        httpsGet(`https://127.0.0.1:${management}/roots/0`, { ca: readFileSync(ca.caCert), agent: false }, (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () => ok(body));
        }).on('error', fail);
      }),
    output: () => out,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}
