// Offering a file the kiosk made (a CSV, a spreadsheet, a template) as a download.

/** Offer a downloaded file: text (CSV, with a BOM so spreadsheet programs read UTF-8) or bytes. */
export function download(
  name: string,
  content: string | Uint8Array,
  type = 'text/csv;charset=utf-8',
) {
  const blob = new Blob(
    typeof content === 'string' ? ['\uFEFF', content] : [content as Uint8Array<ArrayBuffer>],
    { type },
  );
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
