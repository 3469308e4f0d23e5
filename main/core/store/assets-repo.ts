import type { Db } from './db.js';
import type { UnitOfWork } from './unit-of-work.js';

/**
 * "The member still has an asset checked out", written once: an open checkout is one without a
 * check-in time. `member` is the SQL expression of the member id (e.g. `m.id`).
 */
export const HOLDS_ASSETS = (member: string): string => `EXISTS (SELECT 1 FROM checkouts c WHERE c.member_id = ${member} AND c.checked_in_at IS NULL)`;
/** How many assets the member holds, as a SQL expression. */
export const HELD_COUNT = (member: string): string => `(SELECT count(*) FROM checkouts c WHERE c.member_id = ${member} AND c.checked_in_at IS NULL)`;

/** An asset with its current holder, as read. */
export interface AssetRow {
  id: number;
  tag: string;
  name: string;
  category: string | null;
  serial_number: string | null;
  notes: string | null;
  created_at: string;
  retired_at: string | null;
  /** 1 when the asset was ever checked out (it then cannot be deleted, only retired). */
  has_history: number;
  member_id: string | null;
  user_name: string | null;
  display_name: string | null;
  checked_out_at: string | null;
}

export interface NewAsset {
  readonly tag: string;
  readonly name: string;
  readonly category: string | null;
  readonly serialNumber: string | null;
  readonly notes: string | null;
}

/** An asset a member holds now. */
export interface HeldAsset {
  readonly assetId: number;
  readonly tag: string;
  readonly name: string;
  readonly checkedOutAt: string;
}

/** `assets` and `checkouts`. */
export interface AssetsRepo {
  list(): AssetRow[];
  byId(id: number): AssetRow | undefined;
  /** Tags compare without case (the column is COLLATE NOCASE). */
  tagExists(tag: string): boolean;
  insert(a: NewAsset, at: string): number;
  update(id: number, a: NewAsset): void;
  /** Retire (`at`) or return to service (null). */
  setRetired(id: number, at: string | null): void;
  /** Delete an asset that was never checked out. */
  remove(id: number): void;
  /** Whether another asset has this tag (tags compare without case). */
  tagTakenByOther(tag: string, id: number): boolean;
  checkout(assetId: number, memberId: string, at: string): void;
  checkin(assetId: number, at: string): void;
  /** Assets the member holds now, oldest checkout first. */
  heldBy(memberId: string): HeldAsset[];
  heldCount(memberId: string): number;
  /** Tags of up to `limit` held assets, by tag (for refusal messages). */
  heldTags(memberId: string, limit: number): string[];
  /** Whether the member ever had a checkout (open or closed). */
  hasCheckoutHistory(memberId: string): boolean;
}

export function createAssetsRepo(db: Db, uow: UnitOfWork): AssetsRepo {
  const read = uow.beforeRead;
  const select = `SELECT a.*, EXISTS (SELECT 1 FROM checkouts h WHERE h.asset_id = a.id) AS has_history, c.member_id, c.checked_out_at, m.user_name, m.display_name FROM assets a
    LEFT JOIN checkouts c ON c.asset_id = a.id AND c.checked_in_at IS NULL LEFT JOIN members m ON m.id = c.member_id`;
  const all = db.prepare<[], AssetRow>(`${select} ORDER BY a.tag`);
  const byId = db.prepare<[number], AssetRow>(`${select} WHERE a.id = ?`);
  const byTag = db.prepare<[string], number>('SELECT id FROM assets WHERE tag = ?').pluck();
  const insert = db.prepare('INSERT INTO assets (tag, name, category, serial_number, notes, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const checkout = db.prepare('INSERT INTO checkouts (asset_id, member_id, checked_out_at) VALUES (?, ?, ?)');
  const update = db.prepare('UPDATE assets SET tag = ?, name = ?, category = ?, serial_number = ?, notes = ? WHERE id = ?');
  const retire = db.prepare('UPDATE assets SET retired_at = ? WHERE id = ?');
  const del = db.prepare('DELETE FROM assets WHERE id = ? AND NOT EXISTS (SELECT 1 FROM checkouts WHERE asset_id = ?)');
  const otherTag = db.prepare<[string, number], number>('SELECT 1 FROM assets WHERE tag = ? AND id <> ?').pluck();
  const checkin = db.prepare('UPDATE checkouts SET checked_in_at = ? WHERE asset_id = ? AND checked_in_at IS NULL');
  const held = db.prepare<[string], HeldAsset>(
    `SELECT a.id AS assetId, a.tag, a.name, c.checked_out_at AS checkedOutAt FROM checkouts c JOIN assets a ON a.id = c.asset_id
     WHERE c.member_id = ? AND c.checked_in_at IS NULL ORDER BY c.checked_out_at, a.tag`,
  );
  const heldCount = db.prepare<[string], number>(`SELECT ${HELD_COUNT('?')}`).pluck();
  const heldTags = db.prepare<[string, number], string>(
    'SELECT a.tag FROM checkouts c JOIN assets a ON a.id = c.asset_id WHERE c.member_id = ? AND c.checked_in_at IS NULL ORDER BY a.tag LIMIT ?',
  ).pluck();
  const anyCheckout = db.prepare<[string], number>('SELECT EXISTS (SELECT 1 FROM checkouts WHERE member_id = ?)').pluck();
  return {
    list: () => (read(), all.all()),
    byId: (id) => (read(), byId.get(id)),
    tagExists: (tag) => (read(), byTag.get(tag) !== undefined),
    insert: (a, at) => Number(insert.run(a.tag, a.name, a.category, a.serialNumber, a.notes, at).lastInsertRowid),
    update: (id, a) => void update.run(a.tag, a.name, a.category, a.serialNumber, a.notes, id),
    setRetired: (id, at) => void retire.run(at, id),
    remove: (id) => void del.run(id, id),
    tagTakenByOther: (tag, id) => (read(), otherTag.get(tag, id) !== undefined),
    checkout: (assetId, memberId, at) => void checkout.run(assetId, memberId, at),
    checkin: (assetId, at) => void checkin.run(at, assetId),
    heldBy: (memberId) => (read(), held.all(memberId)),
    heldCount: (memberId) => (read(), heldCount.get(memberId) ?? 0),
    heldTags: (memberId, limit) => (read(), heldTags.all(memberId, limit)),
    hasCheckoutHistory: (memberId) => (read(), anyCheckout.get(memberId) === 1),
  };
}
