import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { findBinary, waitForPort } from './net.js';

/** Debian's nginx, or undefined when it is not installed (tests then skip, saying so). */
export const NGINX = findBinary('nginx');

export interface RunningNginx {
  stop(): Promise<void>;
  errorLog(): string;
}

/**
 * Run nginx in the foreground with its own configuration in `dir` (never the system service):
 * pid, error log and temp folders all inside `dir`. `servers` are the `server { … }` blocks; each
 * must listen on 127.0.0.1 on one of `ports`, which are waited for.
 */
export async function startNginx(dir: string, servers: string, ports: ReadonlyArray<number>): Promise<RunningNginx> {
  if (NGINX === undefined) throw new Error('nginx is not installed');
  const temp = (name: string): string => {
    mkdirSync(join(dir, name), { recursive: true });
    return join(dir, name);
  };
  const errorLog = join(dir, 'error.log');
  const conf = join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `# As root the workers would drop to "nobody", who cannot read this 0700 temp folder.
user ${userInfo().username};
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${errorLog} warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${temp('client_body')};
  proxy_temp_path ${temp('proxy')};
  fastcgi_temp_path ${temp('fastcgi')};
  uwsgi_temp_path ${temp('uwsgi')};
  scgi_temp_path ${temp('scgi')};
${servers}
}
`,
  );
  // -e: the error log before the configuration is read, so nothing goes to /var/log/nginx.
  const child = spawn(NGINX, ['-e', errorLog, '-p', dir, '-c', conf, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  const readLog = (): string => {
    try {
      return readFileSync(errorLog, 'utf8');
    } catch {
      return '';
    }
  };
  try {
    await Promise.race([
      Promise.all(ports.map((p) => waitForPort(p))),
      exited.then(() => {
        throw new Error(`nginx exited at start:\n${stderr}\n${readLog()}`);
      }),
    ]);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return {
    async stop() {
      if (child.exitCode !== null) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.kill('SIGTERM'); // fast shutdown of the master and its worker
      await exited;
      clearTimeout(timer);
    },
    errorLog: readLog,
  };
}
