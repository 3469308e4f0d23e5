import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeApp } from '../../helpers/make-app.js';
import type { TestApp } from '../../helpers/make-app.js';
import { AssetImportResultSchema, AssetListSchema, AssetSchema } from '../../../shared/api/assets.js';
import { ApiErrorSchema } from '../../../shared/api/errors.js';
import { admin, createMember, errorOf, scim, snapshot } from './helpers.js';

let t: TestApp;
beforeEach(() => {
  t = makeApp();
});
afterEach(() => t.close());

const newAsset = async (tag: string) => AssetSchema.parse((await admin(t).post('/api/assets', { tag, name: `Laptop ${tag}`, serialNumber: ' SN-1 ', category: '' })).body);
const assets = async () => AssetListSchema.parse((await admin(t).get('/api/assets')).body).assets;

describe('assets', () => {
  it('creates and lists assets; tags are unique without case', async () => {
    const a = await newAsset('LT-001');
    expect(a).toMatchObject({ tag: 'LT-001', name: 'Laptop LT-001', serialNumber: 'SN-1', category: null, notes: null, holder: null });
    const before = snapshot(t);
    const dup = await admin(t).post('/api/assets', { tag: 'lt-001', name: 'Other' });
    expect(dup.status).toBe(409);
    expect(errorOf(dup).code).toBe('asset-tag-exists');
    expect((await admin(t).post('/api/assets', { tag: 'X', name: '  ' })).status).toBe(400);
    expect((await admin(t).post('/api/assets', { name: 'No tag' })).status).toBe(400);
    expect(snapshot(t)).toEqual(before);
    expect((await assets()).map((x) => x.tag)).toEqual(['LT-001']);
  });

  it('checks out to an active member and back in', async () => {
    const memberId = await createMember(t, 'hold.er@example.com');
    const a = await newAsset('LT-002');
    const out = await admin(t).post(`/api/assets/${a.id}/checkout`, { memberId });
    expect(out.status).toBe(200);
    expect(AssetSchema.parse(out.body).holder).toMatchObject({ memberId, userName: 'hold.er@example.com', displayName: 'hold er' });
    expect((await assets())[0]?.holder?.memberId).toBe(memberId);
    const back = await admin(t).post(`/api/assets/${a.id}/checkin`);
    expect(back.status).toBe(200);
    expect(AssetSchema.parse(back.body).holder).toBeNull();
    const again = await admin(t).post(`/api/assets/${a.id}/checkin`);
    expect(again.status).toBe(409);
    expect(errorOf(again).code).toBe('asset-not-checked-out');
  });

  it('refuses a checkout when the asset is out, the member is inactive, deleted or unknown, changing nothing', async () => {
    const holder = await createMember(t, 'first.one@example.com');
    const inactive = await createMember(t, 'in.active@example.com');
    const deleted = await createMember(t, 'de.leted@example.com');
    await scim(t).patch(inactive, { op: 'replace', path: 'active', value: false });
    await scim(t).remove(deleted);
    const a = await newAsset('LT-003');
    const b = await newAsset('LT-004');
    await admin(t).post(`/api/assets/${a.id}/checkout`, { memberId: holder });

    const before = snapshot(t);
    const out = await admin(t).post(`/api/assets/${a.id}/checkout`, { memberId: inactive });
    expect(out.status).toBe(409);
    expect(errorOf(out).code).toBe('asset-checked-out');
    expect(errorOf(out).message).toContain('first one');
    const off = await admin(t).post(`/api/assets/${b.id}/checkout`, { memberId: inactive });
    expect(off.status).toBe(409);
    expect(errorOf(off)).toMatchObject({ code: 'member-inactive' });
    expect(errorOf(off).message).toContain('in.active@example.com is not an active member');
    expect((await admin(t).post(`/api/assets/${b.id}/checkout`, { memberId: deleted })).status).toBe(409);
    expect((await admin(t).post(`/api/assets/${b.id}/checkout`, { memberId: 'nobody' })).status).toBe(404);
    expect((await admin(t).post('/api/assets/999/checkout', { memberId: holder })).status).toBe(404);
    expect((await admin(t).post(`/api/assets/${b.id}/checkout`, {})).status).toBe(400);
    expect((await admin(t).post('/api/assets/abc/checkin')).status).toBe(400);
    expect(snapshot(t)).toEqual(before);
  });

  it('clears the leaver flag when the last asset is checked in', async () => {
    await admin(t).put('/api/settings', { deprovisionWithAssets: 'deactivate-and-flag' });
    const id = await createMember(t, 'lea.ver@example.com');
    const a = await newAsset('LT-005');
    await admin(t).post(`/api/assets/${a.id}/checkout`, { memberId: id });
    expect((await scim(t).patch(id, { op: 'replace', path: 'active', value: false })).status).toBe(200);
    expect(t.core.members.byId(id)?.leaver_holding_assets).toBe(1);
    await admin(t).post(`/api/assets/${a.id}/checkin`);
    expect(t.core.members.byId(id)?.leaver_holding_assets).toBe(0);
  });
});

describe('POST /api/assets/import', () => {
  it('imports every row of a valid CSV, with quoted commas, quotes and line breaks', async () => {
    const csv = [
      'Tag,Name,Category,Serial Number,Notes',
      'LT-100,"Laptop, 14""",Laptops,SN100,"Dented lid',
      'second line"',
      'PH-200,Phone,,SN200,',
      '',
      'MN-300,Monitor,Screens,,"Says ""hi"""',
    ].join('\r\n');
    const res = await admin(t).post('/api/assets/import', { csv });
    expect(res.status).toBe(200);
    expect(AssetImportResultSchema.parse(res.body)).toEqual({ imported: 3, errors: [] });
    const list = await assets();
    expect(list.map((a) => [a.tag, a.name, a.category, a.serialNumber, a.notes])).toEqual([
      ['LT-100', 'Laptop, 14"', 'Laptops', 'SN100', 'Dented lid\r\nsecond line'],
      ['MN-300', 'Monitor', 'Screens', null, 'Says "hi"'],
      ['PH-200', 'Phone', null, 'SN200', null],
    ]);
  });

  it('reads semicolon-separated files (European spreadsheet locales) and a BOM', async () => {
    const res = await admin(t).post('/api/assets/import', { csv: '\uFEFFtag;name\nA-1;Chair\nA-2;Desk\n' });
    expect(AssetImportResultSchema.parse(res.body).imported).toBe(2);
  });

  it('rejects the whole file when any row is bad, listing every problem with its line', async () => {
    await newAsset('DB-1');
    const before = snapshot(t);
    const csv = ['tag,name,notes', 'OK-1,Fine', 'OK-2,', 'db-1,Clash with database', 'OK-3,Fine too', 'ok-3,Duplicate in file', ',No tag', 'OK-4,Too,many,fields'].join('\n');
    const res = await admin(t).post('/api/assets/import', { csv });
    expect(res.status).toBe(400);
    expect(ApiErrorSchema.parse(res.body).error.code).toBe('import-rejected');
    const result = AssetImportResultSchema.parse(res.body);
    expect(result.imported).toBe(0);
    expect(result.errors.map((e) => e.line)).toEqual([3, 4, 6, 7, 8]);
    expect(result.errors[1]?.message).toContain('already exists');
    expect(result.errors[2]?.message).toContain('line 5');
    expect(snapshot(t)).toEqual(before);
  });

  it('rejects syntax errors, unknown or missing columns and empty files', async () => {
    const before = snapshot(t);
    const cases: Array<[string, number]> = [
      ['tag,name\nA,"unterminated\nB,x', 2],
      ['tag,name\nA,"closed"junk', 2],
      ['tag,name,colour\nA,B,red', 1],
      ['name\nChair', 1],
      ['', 1],
      ['tag,name\n', 2],
    ];
    for (const [csv, line] of cases) {
      const res = await admin(t).post('/api/assets/import', { csv });
      expect(res.status, csv).toBe(400);
      expect(AssetImportResultSchema.parse(res.body).errors[0]?.line, csv).toBe(line);
    }
    expect((await admin(t).post('/api/assets/import', { text: 'tag,name' })).status).toBe(400);
    expect(snapshot(t)).toEqual(before);
  });

  it('refuses a header naming an Object.prototype property as an unknown column (own properties only)', async () => {
    const before = snapshot(t);
    for (const column of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const res = await admin(t).post('/api/assets/import', { csv: `tag,name,${column}\nA-1,Chair,x` });
      expect(res.status, column).toBe(400);
      expect(AssetImportResultSchema.parse(res.body).errors, column).toEqual([{ line: 1, message: `Unknown column "${column}"; use tag, name, category, serialNumber and notes.` }]);
    }
    expect(snapshot(t)).toEqual(before);
  });
});

describe('correcting, retiring and deleting assets (issue #16)', () => {
  it('edits an asset; a tag another asset has is refused', async () => {
    const a = await newAsset('LT-100');
    await newAsset('LT-101');
    const edited = await admin(t).put(`/api/assets/${a.id}`, { tag: 'LT-100', name: 'ThinkPad T14', serialNumber: 'PF-4XY2' });
    expect(AssetSchema.parse(edited.body)).toMatchObject({ tag: 'LT-100', name: 'ThinkPad T14', serialNumber: 'PF-4XY2', retiredAt: null, hasHistory: false });
    const clash = await admin(t).put(`/api/assets/${a.id}`, { tag: 'lt-101', name: 'x' });
    expect([clash.status, errorOf(clash).code]).toEqual([409, 'asset-tag-exists']);
  });

  it('deletes an asset never checked out; one with history can only be retired, and not while out', async () => {
    const fresh = await newAsset('LT-200');
    expect((await admin(t).del(`/api/assets/${fresh.id}`)).status).toBe(204);
    const memberId = await createMember(t, 'retire.er@example.com');
    const used = await newAsset('LT-201');
    await admin(t).post(`/api/assets/${used.id}/checkout`, { memberId });
    const whileOut = await admin(t).post(`/api/assets/${used.id}/retire`, { retired: true });
    expect([whileOut.status, errorOf(whileOut).code]).toEqual([409, 'asset-checked-out']);
    await admin(t).post(`/api/assets/${used.id}/checkin`);
    const del = await admin(t).del(`/api/assets/${used.id}`);
    expect([del.status, errorOf(del).code]).toEqual([409, 'asset-has-history']);
    const retired = AssetSchema.parse((await admin(t).post(`/api/assets/${used.id}/retire`, { retired: true })).body);
    expect(retired).toMatchObject({ hasHistory: true, retiredAt: expect.any(String) });
    const out = await admin(t).post(`/api/assets/${used.id}/checkout`, { memberId });
    expect([out.status, errorOf(out).code]).toEqual([409, 'asset-retired']);
    expect(AssetSchema.parse((await admin(t).post(`/api/assets/${used.id}/retire`, { retired: false })).body).retiredAt).toBeNull();
    expect((await assets()).map((x) => x.tag)).toEqual(['LT-201']);
  });
});
