// The service desk: take a walk-in request, see today's requests.
import { RequestForm } from './RequestForm';
import { TodayList } from './TodayList';

export function ServiceDesk() {
  return (
    <div className="desk">
      <RequestForm />
      <TodayList />
    </div>
  );
}
