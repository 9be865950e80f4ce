import { describe, expect, it } from 'vitest';
import { isQuotaError, LOW_DISK_BYTES, storageFailureMessage } from './storage';

describe('isQuotaError', () => {
  it('finds IndexedDB quota errors inside the wrappers Dexie and RxDB put around them', () => {
    const dom = Object.assign(new Error('The quota has been exceeded.'), {
      name: 'QuotaExceededError',
    });
    expect(isQuotaError(dom)).toBe(true);
    expect(isQuotaError({ name: 'AbortError', inner: dom })).toBe(true);
    expect(isQuotaError(new Error('wrapped', { cause: { inner: dom } }))).toBe(true);
    expect(isQuotaError(new Error('QuotaExceededError: Encountered full disk'))).toBe(true);
  });

  it('names a full disk and the store Chromium closes after it (errors seen in Chromium 156)', async () => {
    const plenty = async () => 10 * LOW_DISK_BYTES;
    const none = async () => 1024;
    const noSpace = {
      name: 'UnknownError',
      message:
        'Connection is closing because of: IO error: 000003.log: FILE_ERROR_NO_SPACE (ChromeMethodBFE: 3::WritableFileAppend::8)',
    };
    expect(await storageFailureMessage({ name: 'AbortError', inner: noSpace }, plenty)).toMatch(
      /^Penyimpanan kios penuh/,
    );
    const aborted = new Error(
      'docs.bulkPut(): 1 of 1 operations failed. Errors: AbortError: The transaction was aborted, so the request cannot be fulfilled.',
    );
    expect(await storageFailureMessage(aborted, none)).toMatch(/^Penyimpanan kios penuh/);
    expect(await storageFailureMessage(aborted, plenty)).toMatch(/^Penyimpanan kios gagal/);
    const closed = {
      name: 'UnknownError',
      message: 'Internal error opening backing store for indexedDB.open.',
    };
    expect(await storageFailureMessage(closed, none)).toMatch(/^Penyimpanan kios penuh/);
    expect(await storageFailureMessage(new Error('ConstraintError'), none)).toBeNull();
  });

  it('leaves other errors alone', () => {
    expect(isQuotaError(new Error('ConstraintError'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
    expect(isQuotaError('QuotaExceededError')).toBe(false);
  });
});
