/**
 * Native notification when provisioning failures arrive while the window is hidden: the admin
 * closed the window, the SCIM endpoint kept serving, and something now needs a human.
 */
import { Notification } from 'electron';
import { shouldNotify } from './health.js';

/** Show "N new provisioning failures" unless the window is visible; clicking it opens the window. */
export function notifyFailures(count: number, isWindowVisible: boolean, onClick: () => void): void {
  if (!shouldNotify(count, isWindowVisible) || !Notification.isSupported()) return;
  const notification = new Notification({
    title: 'SCIM Desk',
    body: count === 1 ? '1 new provisioning failure. Open the log to see what the IdP sent.' : `${count} new provisioning failures. Open the log to see what the IdP sent.`,
  });
  notification.on('click', onClick);
  notification.show();
}
