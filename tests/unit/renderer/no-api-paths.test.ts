import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../..', import.meta.url).pathname;
const SRC = join(ROOT, 'renderer/src');

/** A string literal that starts an admin API path: '/api/…', "/api/…" or `/api/…`. */
const API_LITERAL = /['"`]\/api\//;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|jsx)$/.test(e.name) ? [path] : [];
  });
}

describe('the renderer', () => {
  it('recognises an admin API path literal in any quoting', () => {
    for (const line of ["fetch('/api/members')", 'x = "/api/log"', 'new EventSource(`/api/log/stream?token=${t}`)']) expect(API_LITERAL.test(line), line).toBe(true);
    for (const line of ["import { x } from '../../../shared/api/members'", "import { api } from './http-client'", '/** `listMembers` */']) expect(API_LITERAL.test(line), line).toBe(false);
  });

  it('writes no /api/ path: every URL comes from the route table in shared/api/routes.ts', () => {
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(20);
    const hits = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (API_LITERAL.test(line) ? [`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(hits).toEqual([]);
  });
});
