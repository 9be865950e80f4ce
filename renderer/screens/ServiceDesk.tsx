// The service desk: serve a walk-in, see today's requests, open one to move it along.
import { useDesk } from '../state/official';
import { RequestDetail } from './RequestDetail';
import { RequestForm } from './RequestForm';
import { TodayList } from './TodayList';

export function ServiceDesk() {
  const openId = useDesk((s) => s.openRequestId);
  return (
    <div className="desk">
      <RequestForm />
      <div>
        {openId && <RequestDetail id={openId} />}
        <TodayList />
      </div>
    </div>
  );
}
