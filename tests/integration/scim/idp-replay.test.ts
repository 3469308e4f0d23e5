import { afterEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeApp, TEST_KEY } from '../../helpers/make-app.js';
import type { TestApp } from '../../helpers/make-app.js';
import { SettingsPatchSchema } from '../../../shared/api/settings.js';
import type { SettingsPatch } from '../../../shared/api/settings.js';

interface Step {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
  rawBody?: string;
  expect: { status: number; json?: unknown };
  absent?: string[];
  capture?: Record<string, string>;
  count?: Record<string, number>;
}
interface Fixture {
  name: string;
  source: string;
  /** Settings the replay starts with (e.g. `groupProvisioning: "users-only"`); defaults otherwise. */
  settings?: SettingsPatch;
  steps: Step[];
}

const FIXTURES = join(import.meta.dirname, '../../fixtures');
const files = ['entra', 'okta'].flatMap((idp) => readdirSync(join(FIXTURES, idp)).filter((f) => f.endsWith('.json')).map((f) => join(idp, f)));

const get = (obj: unknown, path: string): unknown =>
  path.split(/\.(?![^[]*\])/).reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);

function substitute(text: string, vars: Record<string, string>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => (name === 'uuid' ? randomUUID() : (vars[name] ?? `{{${name}}}`)));
}

let app: TestApp | undefined;
afterEach(() => app?.close());

describe('IdP request replay', () => {
  for (const file of files) {
    const fixture = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as Fixture;
    it(`${file}: ${fixture.name}`, async () => {
      app = makeApp();
      if (fixture.settings) {
        app.core.settings.update(SettingsPatchSchema.parse(fixture.settings));
        app.core.store.uow.flush();
      }
      const vars: Record<string, string> = {};
      for (const [i, step] of fixture.steps.entries()) {
        const where = `${file} step ${i + 1} ${step.method} ${step.path}`;
        const path = substitute(step.path, vars);
        let req = request(app.scim)[step.method.toLowerCase() as 'get'](path).set('Authorization', `Bearer ${TEST_KEY}`);
        for (const [k, v] of Object.entries(step.headers ?? {})) req = req.set(k, v);
        if (step.rawBody !== undefined) req = req.send(step.rawBody);
        else if (step.body !== undefined) {
          if (!step.headers?.['Content-Type']) req = req.set('Content-Type', 'application/scim+json');
          req = req.send(substitute(JSON.stringify(step.body), vars));
        }
        const res = await req;
        expect(res.status, `${where}: ${res.text}`).toBe(step.expect.status);
        if (res.status !== 204) expect(res.headers['content-type'], where).toMatch(/^application\/scim\+json/);
        const body: unknown = res.text ? JSON.parse(res.text) : undefined;
        if (step.expect.json !== undefined) {
          const want = JSON.parse(substitute(JSON.stringify(step.expect.json), vars)) as unknown;
          expect(body, where).toMatchObject(want as Record<string, unknown>);
        }
        for (const p of step.absent ?? []) expect(get(body, p), `${where}: ${p} must be absent`).toBeUndefined();
        for (const [p, n] of Object.entries(step.count ?? {})) expect((get(body, p) as unknown[]).length, `${where}: count of ${p}`).toBe(n);
        for (const [name, p] of Object.entries(step.capture ?? {})) vars[name] = String(get(body, p));
      }
    });
  }
});
