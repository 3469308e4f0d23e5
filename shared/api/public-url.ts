/**
 * The public base URL the IdP reaches SCIM Desk at (a tunnel or reverse proxy), checked and
 * normalised the same way in the GUI (as the admin types) and on the server (on save), issue #16:
 * `https://scim.example.com/scim/v2` became `…/scim/v2/scim/v2`, and `http://` was accepted although
 * the IdP sends the connector key with every request.
 */
export type PublicUrlCheck =
  | { readonly ok: true; readonly value: string; readonly notes: ReadonlyArray<string> }
  | { readonly ok: false; readonly message: string };

const SHAPE = /^([a-z][a-z0-9+.-]*):\/\/([^/?#\s]*)([^?#\s]*)(.*)$/i;
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::(\d{1,5}))?$/i;

/** Hosts on this machine, where plain http:// never leaves it. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/:\d+$/, '').toLowerCase();
  return h === 'localhost' || h === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

/** The `/scim/v2` URL the IdP should use for a (valid) public base URL. */
export const scimUrlOf = (base: string): string => `${base}/scim/v2`;

export function checkPublicBaseUrl(input: string): PublicUrlCheck {
  const text = input.trim();
  if (text === '') return { ok: true, value: '', notes: [] };
  const m = SHAPE.exec(text);
  if (!m) return { ok: false, message: 'Enter the full address, starting with https://, for example https://scim.example.com.' };
  const [, scheme = '', authority = '', rawPath = '', rest = ''] = m;
  const protocol = scheme.toLowerCase();
  if (protocol !== 'https' && protocol !== 'http') return { ok: false, message: 'Use an address starting with https://.' };
  if (authority.includes('@')) return { ok: false, message: 'Leave out the user name and password: the IdP authenticates with the connector key.' };
  const port = HOST.exec(authority)?.[1];
  if (!HOST.test(authority) || (port !== undefined && (Number(port) < 1 || Number(port) > 65535))) {
    return { ok: false, message: `"${authority}" is not a host name SCIM Desk can use (for example scim.example.com or scim.example.com:8443).` };
  }
  if (rest !== '') return { ok: false, message: 'Leave out the part after ? or #: the IdP adds its own.' };
  if (protocol === 'http' && !isLoopbackHost(authority)) {
    return { ok: false, message: 'Use https://. The IdP sends the connector key with every request; plain http:// is accepted only for this machine (localhost).' };
  }
  const notes: string[] = [];
  let path = rawPath.replace(/\/+$/, '');
  if (/\/scim\/v2$/i.test(path)) {
    path = path.replace(/\/scim\/v2$/i, '').replace(/\/+$/, '');
    notes.push('The trailing /scim/v2 was removed: SCIM Desk adds it to the URL the IdP gets.');
  }
  return { ok: true, value: `${protocol}://${authority.toLowerCase()}${path}`, notes };
}
