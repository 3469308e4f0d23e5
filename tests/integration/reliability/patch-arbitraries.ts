import fc from 'fast-check';

/**
 * fast-check generators for PATCH bodies: real SCIM paths mixed with adversarial ones, and values
 * from well-formed to hostile (prototype keys, huge strings, deep arrays, wrong types). Shared by the
 * PATCH-engine property test (tests/unit/core/scim/patch-property.test.ts) and the HTTP one here.
 */

export const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const CUSTOM = 'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User';
export const PATCH_OP_URN = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** scimType values a PATCH may legitimately answer 400 with. */
export const PATCH_SCIM_TYPES = ['invalidSyntax', 'invalidPath', 'invalidValue', 'noTarget', 'mutability'] as const;

const VALID_PATHS = [
  'userName',
  'displayName',
  'nickName',
  'title',
  'active',
  'externalId',
  'name',
  'name.givenName',
  'name.familyName',
  'NAME.GIVENNAME',
  'emails',
  'emails.value',
  'emails[type eq "work"].value',
  'emails[type eq "work" and primary eq true].value',
  'emails[type eq "home"]',
  'emails[value co "@"]',
  'phoneNumbers',
  'phoneNumbers[type eq "mobile"].value',
  'addresses[type eq "work"].locality',
  'addresses[type eq "work"].formatted',
  'roles[primary eq "True"].value',
  'manager',
  'manager.value',
  `${ENT}:department`,
  `${ENT}:manager`,
  `${ENT}:manager.value`,
  `${ENT}:employeeNumber`,
  `${CUSTOM}:CustomAttribute`,
  'urn:ietf:params:scim:schemas:core:2.0:User:userName',
  'id',
  'meta',
  'meta.version',
  'groups',
  'password',
  'schemas',
];

const ADVERSARIAL_PATHS = [
  '__proto__',
  '__proto__.polluted',
  'constructor',
  'constructor.prototype',
  'constructor.prototype.polluted',
  'prototype',
  'toString',
  'hasOwnProperty',
  'emails[__proto__ eq "x"]',
  'emails[type eq "work"].__proto__',
  'name.__proto__',
  'name.constructor',
  `${ENT}:__proto__`,
  'urn:x:__proto__',
  'urn:evil:ext:1.0:User:__proto__',
  '',
  ' ',
  '.',
  '..',
  '[',
  ']]',
  'emails[',
  'emails[type eq "work"',
  'emails[type eq "work"]]',
  'emails[type eq "work"].value.extra',
  'emails[(((((type eq "x")))))]',
  'emails[not (type eq "x")]',
  'emails[type eq "work"][primary eq true]',
  'emails[type eq "\u0000"]',
  "userName'; DROP TABLE members; --",
  'a'.repeat(5000),
  `emails[${'type eq "x" and '.repeat(300)}primary eq true]`,
  '\uD800',
  'ñäme.gïvenName',
];

export const pathArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...VALID_PATHS) },
  { weight: 3, arbitrary: fc.constantFrom(...ADVERSARIAL_PATHS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
);

const deepArray = (depth: number): unknown => {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = [v];
  return v;
};

/** Objects whose own keys are `__proto__`/`constructor`, as JSON.parse creates them. */
const POISONED: ReadonlyArray<unknown> = [
  JSON.parse('{"__proto__":{"polluted":"yes"}}'),
  JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}}}'),
  JSON.parse('{"value":"a@example.com","__proto__":{"polluted":"yes"}}'),
  JSON.parse('{"givenName":"P","__proto__":{"polluted":"yes"}}'),
  JSON.parse(`{"${ENT}":{"__proto__":{"polluted":"yes"},"department":"D"}}`),
  JSON.parse('{"urn:evil:ext:1.0:User":{"__proto__":{"polluted":"yes"}}}'),
  JSON.parse('{"name.__proto__":"x","emails[type eq \\"work\\"].value":"w@example.com"}'),
  JSON.parse('[{"__proto__":{"polluted":"yes"},"type":"work","value":"x"}]'),
];

export const valueArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 2, arbitrary: fc.constantFrom<unknown>('True', 'false', 'maybe', '', null, 0, -1, 1e308, true, [], {}, 'x\u0000y') },
  {
    weight: 2,
    arbitrary: fc.record(
      { value: fc.oneof(fc.string(), fc.integer()), type: fc.constantFrom('work', 'home', 'mobile', 'Work', '__proto__'), primary: fc.oneof(fc.boolean(), fc.constantFrom('True', 'x')) },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: fc.array(fc.record({ value: fc.string(), type: fc.string({ maxLength: 6 }) }, { requiredKeys: [] }), { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.constantFrom(...POISONED) },
  { weight: 1, arbitrary: fc.constantFrom('h'.repeat(70_000), 'ü'.repeat(40_000)) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 800 }).map(deepArray) },
  { weight: 1, arbitrary: fc.array(fc.constant({ value: 'v' }), { minLength: 90, maxLength: 120 }) },
);

const opNameArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('add', 'replace', 'remove', 'Add', 'Replace', 'Remove', 'REPLACE') },
  { weight: 1, arbitrary: fc.constantFrom<unknown>('delete', 'move', '', null, 1, '__proto__') },
);

/** One operation object as a client might send it (path and value each optional). */
export const operationArb: fc.Arbitrary<Record<string, unknown>> = fc.record({ op: opNameArb, path: pathArb, value: valueArb }, { requiredKeys: ['op'] });

/** A PatchOp body: mostly well-formed envelopes with random operations, sometimes a broken envelope. */
export const patchBodyArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 8, arbitrary: fc.array(operationArb, { minLength: 1, maxLength: 6 }).map((Operations) => ({ schemas: [PATCH_OP_URN], Operations })) },
  { weight: 1, arbitrary: fc.array(operationArb, { minLength: 1, maxLength: 3 }).map((operations) => ({ operations })) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>({ schemas: ['urn:wrong'], Operations: [{ op: 'add', path: 'title', value: 'x' }] }, { schemas: [PATCH_OP_URN], Operations: [] }, { Operations: 'add' }) },
);

const WRITABLE_STRING_PATHS = ['displayName', 'nickName', 'title', 'name.givenName', 'name.familyName', 'emails[type eq "work"].value', 'phoneNumbers[type eq "mobile"].value', 'addresses[type eq "work"].locality', `${ENT}:department`, `${ENT}:employeeNumber`, `${CUSTOM}:CustomAttribute`];

/** Mostly valid PatchOp bodies (string attributes, sane values), so random walks also take the 200 path. */
export const wellFormedBodyArb: fc.Arbitrary<unknown> = fc
  .array(
    fc.oneof(
      fc.record({ op: fc.constantFrom('add', 'replace', 'Replace'), path: fc.constantFrom(...WRITABLE_STRING_PATHS), value: fc.string({ minLength: 1, maxLength: 30 }) }),
      fc.record({ op: fc.constant('remove'), path: fc.constantFrom(...WRITABLE_STRING_PATHS) }),
      fc.record({ op: fc.constantFrom('replace'), path: fc.constant('active'), value: fc.constantFrom(true, false, 'True', 'False') }),
      fc.record({ op: fc.constant('add'), value: fc.record({ title: fc.string({ maxLength: 10 }), 'name.givenName': fc.string({ maxLength: 10 }) }, { requiredKeys: [] }) }),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((Operations) => ({ schemas: [PATCH_OP_URN], Operations }));
