/** A user as Entra ID creates it (enterprise extension included), for the preview to start from. */
export const SAMPLE_SCIM_USER = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
  externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
  userName: 'ada.lovelace@contoso.com',
  active: true,
  displayName: 'Ada Lovelace',
  title: 'Field Engineer',
  name: { givenName: 'Ada', familyName: 'Lovelace', formatted: 'Ada Lovelace' },
  emails: [{ primary: true, type: 'work', value: 'ada.lovelace@contoso.com' }],
  phoneNumbers: [{ type: 'mobile', value: '+44 20 7946 0000' }],
  addresses: [{ type: 'work', formatted: 'London HQ', locality: 'London', country: 'GB' }],
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Engineering', employeeNumber: 'E-1024' },
};
