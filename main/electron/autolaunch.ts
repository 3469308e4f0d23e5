/**
 * Launch at login, off by default and switched from the GUI (bridge: get/setLaunchAtLogin).
 * Windows and macOS use app.setLoginItemSettings; Linux has no such API in Electron, so we write an
 * XDG autostart entry (~/.config/autostart/scim-desk.desktop). A login launch starts to the tray
 * (`--hidden`) because SCIM Desk is a server first and a window second.
 */
import { app } from 'electron';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Argument that makes the app start without opening its window. */
export const HIDDEN_FLAG = '--hidden';

function linuxAutostartFile(): string {
  const configHome = process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
  return join(configHome, 'autostart', 'scim-desk.desktop');
}

/** The command that starts this app: the AppImage itself, the installed binary, or electron + app path in development. */
function launchCommand(): ReadonlyArray<string> {
  if (process.env.APPIMAGE) return [process.env.APPIMAGE];
  return app.isPackaged ? [process.execPath] : [process.execPath, app.getAppPath()];
}

/** Quote one Exec argument per the Desktop Entry spec. */
function desktopExecArg(arg: string): string {
  return /^[A-Za-z0-9_./:=-]+$/.test(arg) ? arg : `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
}

/** True when the app is registered to start at login. */
export function getLaunchAtLogin(): boolean {
  if (process.platform === 'linux') return existsSync(linuxAutostartFile());
  return app.getLoginItemSettings({ args: [HIDDEN_FLAG] }).openAtLogin;
}

/** Register or unregister the login item; returns the state afterwards. */
export function setLaunchAtLogin(enabled: boolean): boolean {
  if (process.platform === 'linux') {
    const file = linuxAutostartFile();
    if (enabled) {
      mkdirSync(join(file, '..'), { recursive: true });
      const exec = [...launchCommand(), HIDDEN_FLAG].map(desktopExecArg).join(' ');
      writeFileSync(file, `[Desktop Entry]\nType=Application\nName=SCIM Desk\nExec=${exec}\nX-GNOME-Autostart-enabled=true\nTerminal=false\n`);
    } else {
      rmSync(file, { force: true });
    }
    return getLaunchAtLogin();
  }
  // Windows matches the entry by path + args, so get and set must pass the same args.
  app.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_FLAG] });
  return getLaunchAtLogin();
}

/** True when this launch should stay in the tray (login launch, or started with --hidden). */
export function wasLaunchedHidden(argv: ReadonlyArray<string>): boolean {
  if (argv.includes(HIDDEN_FLAG)) return true;
  return process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin;
}
