import { useEffect } from 'react';
import { formatVillageCode, type VillageCode } from '../shared/village';
import { RecoveryPanel } from './backup/RecoveryPanel';
import { SyncBadge } from './components/SyncBadge';
import { useLanguage, useT } from './i18n';
import { SCREENS } from './screens/registry';
import { useNavigation } from './state/navigation';
import { useSession } from './state/session-store';

export function App() {
  const t = useT();
  const state = useSession();
  const toggleLanguage = useLanguage((s) => s.toggle);
  const { screen: screenId, go } = useNavigation();
  useEffect(() => {
    void useSession.getState().open();
  }, []);

  if (state.phase === 'opening') return <p className="splash">{t('loading')}</p>;
  if (state.phase === 'failed') {
    return (
      <div className="splash" role="alert">
        <h1>{t('startFailed')}</h1>
        <p>{state.message}</p>
        {state.recovery && <RecoveryPanel />}
      </div>
    );
  }
  const { config } = state.session;
  const screen = SCREENS.find((s) => s.id === screenId) ?? SCREENS[0]!;
  const Screen = screen.component;
  return (
    <div className="app">
      <header>
        <h1>{t('appTitle')}</h1>
        <span>
          {t('village')} {formatVillageCode(config.villageCode as VillageCode)} · {t('kiosk')}{' '}
          {config.kioskId}
        </span>
        <SyncBadge />
        <button type="button" className="link" onClick={toggleLanguage}>
          {t('language')}
        </button>
      </header>
      {SCREENS.length > 1 && (
        <nav aria-label="Menu">
          {SCREENS.map((s) => (
            <button
              key={s.id}
              type="button"
              aria-current={s.id === screen.id ? 'page' : undefined}
              onClick={() => go(s.id)}
            >
              {t(s.title)}
            </button>
          ))}
        </nav>
      )}
      <main>
        <h1 className="screen-title">{t(screen.title)}</h1>
        <Screen />
      </main>
    </div>
  );
}
