import { useEffect } from 'react';
import { formatVillageCode, type VillageCode } from '../shared/village';
import { SyncBadge } from './components/SyncBadge';
import { useLanguage, useT } from './i18n';
import { RequestForm } from './screens/RequestForm';
import { TodayList } from './screens/TodayList';
import { useSession } from './state/session-store';

export function App() {
  const t = useT();
  const state = useSession();
  const toggleLanguage = useLanguage((s) => s.toggle);
  useEffect(() => {
    void useSession.getState().open();
  }, []);

  if (state.phase === 'opening') return <p className="splash">{t('loading')}</p>;
  if (state.phase === 'failed') {
    return (
      <div className="splash" role="alert">
        <h1>{t('startFailed')}</h1>
        <p>{state.message}</p>
      </div>
    );
  }
  const { config } = state.session;
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
      <main>
        <h1 className="screen-title">{t('serviceDesk')}</h1>
        <div className="desk">
          <RequestForm />
          <TodayList />
        </div>
      </main>
    </div>
  );
}
