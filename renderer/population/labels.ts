// Words for the register's statuses, as the population screens and books print them.
import type { ResidentDoc } from '../../shared/documents/resident';

export const STATUS_LABELS: Record<ResidentDoc['status'], string> = {
  living: 'tinggal',
  moved: 'pindah',
  deceased: 'meninggal',
  missing: 'hilang',
  void: 'batal',
};
