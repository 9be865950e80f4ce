// A Domisili request approved at the desk and its letter issued on a Node kiosk, through the
// kiosk's own compose (the regency's wording as the kiosk holds it, the kiosk's rendering).
import { requestFromForm } from '../../shared/documents/request-form';
import type { LetterDoc } from '../../shared/documents/letter';
import { createIdGenerator } from '../../shared/ids';
import { applyStep } from '../../shared/requests/workflow';
import type { VillageCode } from '../../shared/village';
import { pendingLocal } from '../../sync/client/local-fields';
import { issueApprovedLetter } from '../../renderer/letters/compose';
import { actAs } from './act-as';
import type { NodeKiosk } from './node-kiosk';

export async function issueDomisili(
  kiosk: NodeKiosk,
  code: VillageCode,
  kioskId: string,
  name: string,
): Promise<LetterDoc> {
  const ids = createIdGenerator(code, kioskId);
  const made = requestFromForm(
    { nik: '5106011708450001', name, serviceType: 'domisili', purpose: 'Bank' },
    { villageCode: code, kioskId, ids },
    new Date(),
    { requirements: ['pengantar-rt', 'kk', 'ktp'] },
  );
  if (!made.ok) throw new Error(JSON.stringify(made.errors));
  let doc = made.doc;
  for (const step of ['checked', 'approved'] as const) {
    const role = step === 'approved' ? 'kepala-desa' : 'operator';
    const next = applyStep(doc, step, { name: 'Petugas', role, kioskId }, new Date());
    if (!next.ok) throw new Error(next.reason);
    doc = next.doc;
  }
  await kiosk.db.requests.insert(pendingLocal(doc));
  actAs('kepala-desa', 'Nama Kepala Desa');
  // A host without the letter key: the letter is issued unsigned, which the wording does not change.
  const bridge = {
    signLetter: () => Promise.reject(new Error('Kios ini belum memegang kunci surat.')),
  };
  const { letter } = await issueApprovedLetter(
    { db: kiosk.db, bridge, villageCode: code, kioskId, ids },
    doc,
  );
  return letter;
}
