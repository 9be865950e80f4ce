// The regency logo as a file on the operator's machine: read, recognised by its content (PNG,
// JPEG or SVG) and checked against the size cap before it goes onto a village profile. Without
// `--logo`, villages get the neutral placeholder crest shipped in resources/.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { logoDataUrl, logoProblem } from '../../shared/letters/logo';

export const DEFAULT_LOGO_FILE = fileURLToPath(
  new URL('../../resources/letterhead/crest-placeholder.svg', import.meta.url),
);

/** The logo file as a data URL; throws a readable error for other files or oversized ones. */
export async function readLogoFile(path: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new Error(`Cannot read the logo ${path}: ${(error as Error).message}`, { cause: error });
  }
  const dataUrl = logoDataUrl(bytes);
  if (!dataUrl) throw new Error(`${path}: the logo must be a PNG, JPEG or SVG image.`);
  const problem = logoProblem(dataUrl);
  if (problem) throw new Error(`${path}: ${problem}`);
  return dataUrl;
}
