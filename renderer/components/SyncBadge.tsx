// The sync state staff always see: offline / syncing / up to date, what is waiting, when the
// regency last confirmed everything.
import { clockSkewWarning } from '../../shared/clock';
import { formatTime } from '../../shared/dates';
import { useT } from '../i18n';
import { useOpenSession } from '../state/session-store';
import { useObservable } from '../state/use-observable';

export function SyncBadge() {
  const t = useT();
  const { replicator } = useOpenSession();
  const status = useObservable(replicator.status$, replicator.status);
  const clockWarning = clockSkewWarning(status.clockSkewMs);
  return (
    <div
      className={`sync-badge sync-${status.state}`}
      role="status"
      aria-live="polite"
      data-testid="sync-status"
      data-state={status.state}
      title={status.error || undefined}
    >
      <strong>{t(`state_${status.state}`)}</strong>
      <span data-testid="sync-pending">
        {status.pending} {t('pending')}
      </span>
      {status.photosWaiting > 0 && (
        <span data-testid="sync-photos">
          {status.photosWaiting} {t('photosWaiting')}
        </span>
      )}
      {status.rejected > 0 && (
        <span className="sync-rejected">
          {status.rejected} {t('syncRejected').toLowerCase()}
        </span>
      )}
      <span>
        {t('lastSync')}: {status.lastSuccessAt ? formatTime(status.lastSuccessAt) : t('never')}
      </span>
      {clockWarning && (
        <span className="sync-error" role="alert" data-testid="clock-warning">
          {clockWarning}
        </span>
      )}
      {/* Offline says it already; the reason is kept for a real failure and as a tooltip. */}
      {status.error && status.state !== 'up-to-date' && status.state !== 'offline' && (
        <span className="sync-error">{status.error}</span>
      )}
    </div>
  );
}
