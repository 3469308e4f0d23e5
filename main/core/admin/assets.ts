import { AssetInputSchema } from '../../../shared/api/assets.js';
import type { Asset, AssetImportResult, AssetInput } from '../../../shared/api/assets.js';
import type { MemberWriter } from '../members/member-writer.js';
import type { AssetRow, AssetsRepo } from '../store/assets-repo.js';
import type { MembersRepo } from '../store/members-repo.js';
import type { UnitOfWork } from '../store/unit-of-work.js';
import { CsvSyntaxError, parseCsv } from './csv.js';
import { ConflictError, InvalidInputError, NotFoundError } from './errors.js';

/** A rejected import: every problem found, with the CSV line it is on. Nothing was imported. */
export class AssetImportError extends InvalidInputError {
  constructor(readonly errors: AssetImportResult['errors']) {
    super('import-rejected', `${errors.length} problem${errors.length === 1 ? '' : 's'} in the CSV; nothing was imported. Fix the listed lines and import again.`, {
      imported: 0,
      errors,
    });
  }
}

export interface AssetsAdmin {
  list(): Asset[];
  get(id: number): Asset;
  create(input: AssetInput): Asset;
  /** Correct an asset's tag, name, category, serial number or notes. */
  update(id: number, input: AssetInput): Asset;
  /** Retire a disposed asset (kept with its history; refused while checked out), or return it to service. */
  retire(id: number, retired: boolean): Asset;
  /** Delete an asset entered by mistake: refused once it was ever checked out (retire it then). */
  remove(id: number): void;
  checkout(id: number, memberId: string): Asset;
  checkin(id: number): Asset;
  /** All-or-nothing CSV import; throws {@link AssetImportError} listing every bad line. */
  importCsv(csv: string): AssetImportResult;
}

/** CSV header names (lower-cased, without spaces, _ and -) → asset input keys. */
const COLUMNS: Readonly<Record<string, keyof AssetInput>> = {
  tag: 'tag',
  assettag: 'tag',
  name: 'name',
  category: 'category',
  serialnumber: 'serialNumber',
  serial: 'serialNumber',
  notes: 'notes',
};

/** The asset key a header names. Own properties only: a `constructor` column is unknown, not Object.prototype's. */
function columnOf(header: string): keyof AssetInput | undefined {
  const name = header.trim().toLowerCase().replace(/[\s_-]/g, '');
  return Object.hasOwn(COLUMNS, name) ? COLUMNS[name] : undefined;
}

export interface AssetsAdminDeps {
  readonly uow: UnitOfWork;
  readonly assets: AssetsRepo;
  readonly members: Pick<MembersRepo, 'byId'>;
  readonly writer: MemberWriter;
  readonly now: () => Date;
}

export function createAssetsAdmin(deps: AssetsAdminDeps): AssetsAdmin {
  const { uow, assets } = deps;
  const toAsset = (r: AssetRow): Asset => ({
    id: r.id,
    tag: r.tag,
    name: r.name,
    category: r.category,
    serialNumber: r.serial_number,
    notes: r.notes,
    createdAt: r.created_at,
    retiredAt: r.retired_at,
    hasHistory: r.has_history === 1,
    holder:
      r.member_id !== null && r.checked_out_at !== null
        ? { memberId: r.member_id, userName: r.user_name ?? '', displayName: r.display_name, checkedOutAt: r.checked_out_at }
        : null,
  });
  function row(id: number): AssetRow {
    const r = assets.byId(id);
    if (!r) throw new NotFoundError('asset-not-found', `There is no asset with id ${id}.`);
    return r;
  }
  const nullable = (v: string | null | undefined): string | null => (v === undefined || v === null || v.trim() === '' ? null : v);
  const clean = (a: AssetInput) => ({ tag: a.tag, name: a.name, category: nullable(a.category), serialNumber: nullable(a.serialNumber), notes: nullable(a.notes) });
  const insertAsset = (a: AssetInput, at: string): number => assets.insert(clean(a), at);

  /** Validate every CSV record; returns the inputs, or every problem with its line. */
  function readCsv(csv: string): { inputs: AssetInput[]; errors: AssetImportResult['errors'] } {
    let records;
    try {
      records = parseCsv(csv);
    } catch (err) {
      if (err instanceof CsvSyntaxError) return { inputs: [], errors: [{ line: err.line, message: err.message }] };
      throw err;
    }
    const [header, ...body] = records;
    if (!header) return { inputs: [], errors: [{ line: 1, message: 'The CSV is empty; the first line must name the columns (tag,name,category,serialNumber,notes).' }] };
    const keys = header.fields.map(columnOf);
    const errors: AssetImportResult['errors'] = [];
    header.fields.forEach((h, i) => {
      if (keys[i] === undefined) errors.push({ line: header.line, message: `Unknown column "${h}"; use tag, name, category, serialNumber and notes.` });
    });
    for (const needed of ['tag', 'name'] as const) {
      if (!keys.includes(needed)) errors.push({ line: header.line, message: `The header has no "${needed}" column.` });
    }
    if (errors.length > 0) return { inputs: [], errors };
    if (body.length === 0) return { inputs: [], errors: [{ line: header.line + 1, message: 'The CSV has a header but no assets.' }] };

    const inputs: AssetInput[] = [];
    const seen = new Map<string, number>();
    for (const rec of body) {
      if (rec.fields.length > keys.length) {
        errors.push({ line: rec.line, message: `This line has ${rec.fields.length} fields but the header names ${keys.length} columns.` });
        continue;
      }
      const raw: Record<string, string> = {};
      keys.forEach((k, i) => {
        if (k) raw[k] = rec.fields[i] ?? '';
      });
      const parsed = AssetInputSchema.safeParse(raw);
      if (!parsed.success) {
        errors.push({ line: rec.line, message: parsed.error.issues.map((i) => `${String(i.path[0] ?? '')}: ${i.message}`).join('; ') });
        continue;
      }
      const tagKey = parsed.data.tag.toLowerCase();
      const first = seen.get(tagKey);
      if (first !== undefined) errors.push({ line: rec.line, message: `Asset tag "${parsed.data.tag}" is already used on line ${first} of this file.` });
      else if (assets.tagExists(parsed.data.tag)) errors.push({ line: rec.line, message: `Asset tag "${parsed.data.tag}" already exists in SCIM Desk.` });
      else inputs.push(parsed.data);
      seen.set(tagKey, first ?? rec.line);
    }
    return { inputs, errors };
  }

  /** A leaver flagged for holding assets is no longer one once the last asset is back. */
  function clearLeaver(memberId: string, at: string): void {
    const m = deps.members.byId(memberId);
    if (!m || m.leaver_holding_assets !== 1 || assets.heldCount(memberId) > 0) return;
    deps.writer.save({ prev: m, next: { ...m, leaver_holding_assets: 0 }, changes: [{ field: 'leaverHoldingAssets', old: 'true', new: 'false' }], actor: 'admin', at });
  }

  return {
    list: () => assets.list().map(toAsset),
    get: (id) => toAsset(row(id)),
    create(input) {
      if (assets.tagExists(input.tag)) throw new ConflictError('asset-tag-exists', `An asset with tag "${input.tag}" already exists (tags are compared without case).`);
      return toAsset(row(uow.write(() => insertAsset(input, deps.now().toISOString()))));
    },
    update(id, input) {
      row(id);
      if (assets.tagTakenByOther(input.tag, id)) throw new ConflictError('asset-tag-exists', `Another asset already has tag "${input.tag}" (tags are compared without case).`);
      uow.write(() => assets.update(id, clean(input)));
      return toAsset(row(id));
    },
    retire(id, retired) {
      const asset = row(id);
      if (retired && asset.member_id !== null) {
        throw new ConflictError('asset-checked-out', `Asset ${asset.tag} is checked out to ${asset.display_name ?? asset.user_name ?? asset.member_id}. Check it in before retiring it.`);
      }
      if (retired === (asset.retired_at !== null)) return toAsset(asset);
      uow.write(() => assets.setRetired(id, retired ? deps.now().toISOString() : null));
      return toAsset(row(id));
    },
    remove(id) {
      const asset = row(id);
      if (asset.has_history === 1) {
        throw new ConflictError('asset-has-history', `Asset ${asset.tag} has been checked out before; deleting it would lose that history. Retire it instead.`);
      }
      uow.write(() => assets.remove(id));
    },
    checkout(id, memberId) {
      const asset = row(id);
      if (asset.retired_at !== null) throw new ConflictError('asset-retired', `Asset ${asset.tag} is retired. Return it to service first.`);
      const member = deps.members.byId(memberId);
      if (!member || member.lifecycle === 'admin_deleted') throw new NotFoundError('member-not-found', `There is no member with id ${memberId}.`);
      if (asset.member_id !== null) {
        const who = asset.member_id === memberId ? 'this member' : (asset.display_name ?? asset.user_name ?? asset.member_id);
        throw new ConflictError('asset-checked-out', `Asset ${asset.tag} is already checked out to ${who}. Check it in first.`);
      }
      if (member.lifecycle !== 'present' || member.active !== 1) {
        throw new ConflictError('member-inactive', `${member.user_name} is not an active member; assets can only be checked out to active members.`);
      }
      uow.write(() => assets.checkout(id, memberId, deps.now().toISOString()));
      return toAsset(row(id));
    },
    checkin(id) {
      const asset = row(id);
      if (asset.member_id === null) throw new ConflictError('asset-not-checked-out', `Asset ${asset.tag} is not checked out.`);
      const holder = asset.member_id;
      const at = deps.now().toISOString();
      uow.write(() => {
        assets.checkin(id, at);
        clearLeaver(holder, at);
      });
      return toAsset(row(id));
    },
    importCsv(csv) {
      const { inputs, errors } = readCsv(csv);
      if (errors.length > 0) throw new AssetImportError(errors);
      const at = deps.now().toISOString();
      uow.write(() => {
        for (const input of inputs) insertAsset(input, at);
      });
      return { imported: inputs.length, errors: [] };
    },
  };
}
