#!/usr/bin/env node
/**
 * `serve`: the headless entry. Runs the same start-up path as the desktop app's core process,
 * prints the two URLs scripts read, and shuts down cleanly on SIGINT/SIGTERM.
 */
import { coreOptionsUsage } from '../../shared/core-options-doc.js';
import { createLogger } from '../core/logger.js';
import { startCore } from './start-core.js';
import { runBackupCommand } from './backup-command.js';
import { parseConfig, wantsHelp } from './options.js';

interface ParentPort {
  postMessage(message: unknown): void;
}

async function main(argv: ReadonlyArray<string>): Promise<void> {
  if (argv[0] === 'backup') {
    await runBackupCommand(argv.slice(1));
    return;
  }
  if (wantsHelp(argv)) {
    process.stdout.write(coreOptionsUsage());
    return;
  }
  const config = parseConfig(argv);
  const logger = createLogger(config.logLevel);
  process.on('unhandledRejection', (err) => {
    logger.fatal({ err }, 'unhandled rejection');
    logger.flush();
    process.exit(1);
  });
  process.on('uncaughtException', (err) => {
    logger.fatal({ err }, 'uncaught exception');
    logger.flush();
    process.exit(1);
  });
  // A failed fsync cannot be retried safely: exit so the supervisor (Electron or systemd) restarts
  // the core and SQLite recovers from its WAL. 75 = EX_TEMPFAIL.
  const core = await startCore(config, {
    logger,
    onStorageFailure: () => {
      logger.flush();
      process.exit(75);
    },
  });
  if (core.isAdminRemote) {
    process.stderr.write(
      `Warning: the admin UI listens on ${new URL(core.adminLoginUrl).host}, reachable from other machines (--admin-allow-remote). It is plain HTTP: put TLS or an SSH tunnel in front, and keep the admin token secret.\n`,
    );
  }
  process.stdout.write(`SCIM base URL: ${core.scimUrl}\nAdmin UI: ${core.adminLoginUrl}\nData folder: ${core.dataDir}\n`);
  const ready = { type: 'ready', scimUrl: core.scimUrl, adminUrl: core.adminUrl, adminToken: core.adminToken };
  // Supervisors: child_process.fork gives process.send; an Electron utilityProcess gives parentPort.
  process.send?.(ready);
  (process as unknown as { parentPort?: ParentPort }).parentPort?.postMessage(ready);

  let isStopping = false;
  const shutdown = (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    logger.info({ signal }, 'shutting down');
    core.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('disconnect', () => shutdown('disconnect'));
  // Windows has no graceful signal for an Electron utilityProcess: the supervisor asks by message.
  (process as unknown as { parentPort?: { on(ev: 'message', fn: (e: { data?: { type?: string } }) => void): void } }).parentPort?.on('message', (e) => {
    if (e.data?.type === 'shutdown') shutdown('parent');
  });
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`scim-desk: ${err instanceof Error ? err.message : String(err)}\n`);
  if (err instanceof Error && err.cause) process.stderr.write(`  cause: ${String(err.cause)}\n`);
  process.exit(1);
});
