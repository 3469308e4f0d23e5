import { useEffect, useRef, useState } from 'react';
import { Button, Group, Modal, Text } from '@mantine/core';
import { navigate, setNavigationGuard, type RouteId } from '../routes';

export interface LeaveGuard {
  /** The view the admin tried to open while there were unsaved changes. */
  readonly pendingRoute: RouteId | null;
  stay(): void;
  leave(): void;
}

/**
 * While `isDirty`, leaving the view (another view, a reload, closing the tab) asks first instead of
 * dropping the changes (issue #16: unsaved mapping edits vanished on navigation).
 */
export function useLeaveGuard(isDirty: boolean): LeaveGuard {
  const [pendingRoute, setPendingRoute] = useState<RouteId | null>(null);
  const isLeaving = useRef(false);
  useEffect(() => {
    if (!isDirty) return;
    setNavigationGuard((to) => {
      if (isLeaving.current) return true;
      setPendingRoute(to);
      return false;
    });
    const onBeforeUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      setNavigationGuard(null);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [isDirty]);
  return {
    pendingRoute,
    stay: () => setPendingRoute(null),
    leave() {
      const to = pendingRoute;
      setPendingRoute(null);
      isLeaving.current = true;
      if (to) navigate(to);
    },
  };
}

/** "Leave without saving?" for a {@link useLeaveGuard}. */
export function LeaveDialog({ guard, what }: { readonly guard: LeaveGuard; readonly what: string }) {
  return (
    <Modal opened={guard.pendingRoute !== null} onClose={guard.stay} title="Leave without saving?">
      <Text size="sm" mb="md">
        Your changes to the {what} are not saved. If you leave now they are lost.
      </Text>
      <Group justify="flex-end" gap="xs">
        <Button type="button" variant="default" onClick={guard.leave}>
          Leave without saving
        </Button>
        <Button type="button" onClick={guard.stay} data-autofocus>
          Stay and keep editing
        </Button>
      </Group>
    </Modal>
  );
}
