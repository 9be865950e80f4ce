import { useEffect } from 'react';
import { formatVillageCode, type VillageCode } from '../shared/village';
import { RecoveryPanel } from './backup/RecoveryPanel';
import { SyncBadge } from './components/SyncBadge';
import { useT } from './i18n';
import { menuOf, SCREENS } from './screens/registry';
import { may } from '../shared/staff/permissions';
import { SetupWizard } from './staff/SetupWizard';
import { SignInScreen } from './staff/SignInScreen';
import { StaffBar } from './staff/StaffBar';
import { useSignIn } from './staff/store';
import { useNavigation } from './state/navigation';
import { useSession } from './state/session-store';

export function App() {
  const t = useT();
  const state = useSession();
  const { screen: screenId, go } = useNavigation();
  const { phase, holder, message } = useSignIn();
  useEffect(() => {
    void useSignIn.getState().refresh();
  }, []);
  // The database opens once the kiosk is set up: the wizard may still change village and kiosk.
  const ready = phase === 'signed-in' || phase === 'signed-out';
  useEffect(() => {
    if (ready) void useSession.getState().open();
  }, [ready]);

  if (phase === 'checking') return <p className="splash">{t('loading')}</p>;
  if (phase === 'failed') {
    return (
      <div className="splash" role="alert">
        <h1>{t('startFailed')}</h1>
        <p>{message}</p>
      </div>
    );
  }
  if (phase === 'setup') return <SetupWizard />;
  if (state.phase === 'opening') return <p className="splash">{t('loading')}</p>;
  if (state.phase === 'failed') {
    return (
      <div className="splash" role="alert">
        <h1>{t('startFailed')}</h1>
        <p>{state.message}</p>
        {/* Rebuilding or restoring is the administrator's: they sign in here first. */}
        {state.recovery && phase === 'signed-out' && <SignInScreen />}
        {state.recovery && <RecoveryPanel />}
      </div>
    );
  }
  const { config } = state.session;
  // Only the screens the signed-in role may use are offered; each one's writes check again.
  const menu = menuOf(SCREENS.filter((s) => may(holder?.role, s.action)));
  const allowed = menu.flatMap((g) => g.screens);
  const screen =
    allowed.find((s) => s.id === screenId) ?? allowed.find((s) => !s.display) ?? allowed[0];
  const Screen = screen?.component;
  return (
    <>
      {phase === 'signed-out' && <SignInScreen />}
      {/* Locked: the holder's screens stay mounted with their unsaved work, but hidden; another
          staff member signing in gets fresh screens (the key changes). */}
      {holder && (
        <div className="app" key={holder.id} hidden={phase !== 'signed-in'}>
          <header className="app-header">
            <h1>{t('appTitle')}</h1>
            <span className="app-place">
              {t('village')} {formatVillageCode(config.villageCode as VillageCode)} · {t('kiosk')}{' '}
              {config.kioskId}
            </span>
            <SyncBadge />
            <StaffBar />
          </header>
          <div className={allowed.length > 1 ? 'app-body' : 'app-body app-body--single'}>
            {allowed.length > 1 && (
              <nav aria-label="Menu" className="app-nav">
                {menu.map((group) => (
                  <div key={group.label} role="group" aria-label={group.label}>
                    <h2>{group.label}</h2>
                    <ul>
                      {group.screens.map((s) => (
                        <li key={s.id}>
                          <button
                            type="button"
                            aria-current={s.id === screen?.id ? 'page' : undefined}
                            data-screen={s.id}
                            onClick={() => go(s.id)}
                          >
                            {t(s.title)}
                          </button>
                        </li>
                      ))}
                    </ul>
                  </div>
                ))}
              </nav>
            )}
            {screen && Screen && (
              <main data-screen={screen.id}>
                <h1 className="screen-title">{t(screen.title)}</h1>
                <Screen />
              </main>
            )}
          </div>
        </div>
      )}
    </>
  );
}
