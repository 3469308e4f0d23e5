import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { makeApp, TEST_KEY } from '../../helpers/make-app.js';
import type { TestApp } from '../../helpers/make-app.js';

/**
 * Lone surrogates (issue #15 item 8): `"lone\ud800@x"` in JSON is not Unicode. It used to be stored as
 * invalid UTF-8 and made a distinct user from the same visible name; now it is a 400 invalidValue.
 */

const ERROR_URN = 'urn:ietf:params:scim:api:messages:2.0:Error';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

let t: TestApp;
beforeEach(() => {
  t = makeApp();
});
afterEach(() => t.close());

/** Send JSON text as written (escapes such as `\ud800` reach the server's JSON parser untouched). */
const send = (method: 'post' | 'put' | 'patch', path: string, json: string) =>
  request(t.scim)[method](`/scim/v2${path}`).set('Authorization', `Bearer ${TEST_KEY}`).set('Content-Type', 'application/scim+json').send(json);

const memberCount = (): number => t.core.db.prepare('SELECT count(*) FROM members').pluck().get() as number;

function expectInvalidValue(res: request.Response): void {
  expect(res.status, res.text).toBe(400);
  expect(res.body).toMatchObject({ schemas: [ERROR_URN], status: '400', scimType: 'invalidValue' });
  expect(res.body.detail).toContain('lone surrogate');
}

describe('lone surrogates in SCIM string values', () => {
  it('refuses them in a POST, wherever the string sits, and stores nothing', async () => {
    for (const body of [
      '{"userName":"lone\\ud800@x"}',
      '{"userName":"ok@x","displayName":"trail\\udc00"}',
      '{"userName":"ok@x","emails":[{"value":"a\\ud83d@x","type":"work"}]}',
      '{"userName":"ok@x","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"\\udfff"}}',
      '{"userName":"ok@x","urn:example:unmapped:2.0:User":{"note":"x\\ud800"}}',
      '{"userName":"ok@x","urn:example:unmapped:2.0:User":{"k\\ud800":"x"}}',
    ]) {
      expectInvalidValue(await send('post', '/Users', body));
    }
    expect(memberCount()).toBe(0);
  });

  it('refuses them in PATCH and PUT, leaving the member as it was; a paired surrogate (emoji) is fine', async () => {
    const created = await send('post', '/Users', '{"userName":"emoji@x","displayName":"Party \\ud83c\\udf89"}');
    expect(created.status).toBe(201);
    expect(created.body.displayName).toBe('Party 🎉');
    const id = created.body.id as string;
    const before = t.core.db.prepare('SELECT * FROM members WHERE id = ?').get(id);
    expectInvalidValue(await send('patch', `/Users/${id}`, `{"schemas":["${PATCH_OP}"],"Operations":[{"op":"replace","path":"displayName","value":"bad\\ud800"}]}`));
    expectInvalidValue(await send('patch', `/Users/${id}`, `{"schemas":["${PATCH_OP}"],"Operations":[{"op":"add","value":{"title":"\\udc00"}}]}`));
    expectInvalidValue(await send('put', `/Users/${id}`, '{"userName":"emoji@x","displayName":"\\ud800"}'));
    expect(t.core.db.prepare('SELECT * FROM members WHERE id = ?').get(id)).toEqual(before);
  });
});
