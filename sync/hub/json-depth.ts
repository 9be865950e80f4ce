// How deeply a JSON text nests, found by one pass over its characters (no recursion, no parse),
// so a body of `[[[[…` four megabytes long costs a scan, not a stack overflow further on.

/** Deeper than anything Balai or PouchDB writes (documents nest a handful of levels). */
export const MAX_JSON_DEPTH = 100;

export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c)
        i++; // a backslash escapes the next character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x5b || char === 0x7b) {
      if (++depth > limit) return true;
    } else if (char === 0x5d || char === 0x7d) {
      depth--;
    }
  }
  return false;
}
