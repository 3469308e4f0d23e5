import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { getDesktopBridge } from './platform/desktop-bridge';
import { useSessionStore } from './stores/session-store';
import { useHealthStore } from './stores/health-store';
import { useSettingsStore } from './stores/settings-store';
import { useRolesStore } from './stores/roles-store';
import { AppLayout } from './components/app-layout';
import { LoadingState } from './components/async-view';
import { NoSession } from './components/no-session';
import { useLogStream } from './features/live-log/use-log-stream';
import { RouteSwitch } from './routes';
import { SetupView } from './features/settings/setup-view';
import { MappingView } from './features/mapping/mapping-view';
import { RolesView } from './features/roles/roles-view';
import { GroupsView } from './features/groups/groups-view';
import { LiveLogView } from './features/live-log/live-log-view';
import { MembersView } from './features/members/members-view';
import { AssetsView } from './features/assets/assets-view';
import { ReviewView } from './features/refresh/review-view';

const HEALTH_POLL_MS = 20_000;

const VIEWS = {
  setup: () => <SetupView />,
  mapping: () => <MappingView />,
  roles: () => <RolesView />,
  groups: () => <GroupsView />,
  log: () => <LiveLogView />,
  members: () => <MembersView />,
  assets: () => <AssetsView />,
  review: () => <ReviewView />,
};

/** The admin token: taken from the URL fragment at start-up (main.tsx), else the desktop bridge's hand-off. */
function useAdminSession(): 'pending' | 'ready' | 'none' {
  const { token, problem } = useSessionStore(useShallow((s) => ({ token: s.token, problem: s.problem })));
  const [isAsking, setAsking] = useState(() => !useSessionStore.getState().token && getDesktopBridge() !== undefined);
  useEffect(() => {
    if (!isAsking) return;
    getDesktopBridge()
      ?.getAdminSession()
      .then((s) => useSessionStore.getState().setToken(s.token))
      .catch(() => undefined) // No hand-off: the sign-in help below explains what to do.
      .finally(() => setAsking(false));
  }, [isAsking]);
  if (isAsking) return 'pending';
  return token && !problem ? 'ready' : 'none';
}

/** The app: session gate, shared data and the live stream, then the shell with the current view. */
export function App() {
  const session = useAdminSession();
  const isReady = session === 'ready';
  useLogStream(isReady);
  useEffect(() => {
    if (!isReady) return;
    void useSettingsStore.getState().load();
    void useRolesStore.getState().load();
    void useHealthStore.getState().load();
    const timer = window.setInterval(() => void useHealthStore.getState().load(), HEALTH_POLL_MS);
    return () => window.clearInterval(timer);
  }, [isReady]);

  if (session === 'pending') return <LoadingState label="Connecting to SCIM Desk…" />;
  if (session === 'none') return <NoSession />;
  return (
    <AppLayout>
      <RouteSwitch views={VIEWS} />
    </AppLayout>
  );
}
