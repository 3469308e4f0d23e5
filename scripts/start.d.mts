/** Types for scripts/start.mjs (imported by tests/unit/electron/start.test.ts). */

export interface FsProbe {
  existsSync(path: string): boolean;
  readFileSync(path: string, encoding: 'utf8'): string | Buffer;
}

export type LaunchDecision =
  | { readonly mode: 'electron'; readonly electronPath: string }
  | { readonly mode: 'headless'; readonly reason: string };

export declare const PROJECT_ROOT: string;

export declare function findElectronBinary(root?: string, env?: NodeJS.ProcessEnv, fs?: FsProbe): string | undefined;

export declare function chooseLaunchMode(options?: {
  readonly root?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly platform?: NodeJS.Platform;
  readonly fs?: FsProbe;
}): LaunchDecision;

export declare function commandFor(
  decision: LaunchDecision,
  args: ReadonlyArray<string>,
  root?: string,
  nodePath?: string,
): { readonly command: string; readonly args: ReadonlyArray<string> };
