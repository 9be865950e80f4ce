// Document IDs: `<type>:<time><counter>:<villageCode>:<kioskId>`. Time first (after the type) so
// IDs sort by creation within a type; village and kiosk last so two offline kiosks can never
// produce the same ID, whatever their clocks say.
import type { DocType } from './doc-types';

const BASE32 = '0123456789abcdefghjkmnpqrstvwxyz';

function encodeBase32(value: number, width: number): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < width; i++) {
    out = BASE32[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

export interface IdGenerator {
  next(type: DocType): string;
}

/**
 * IDs from one kiosk, strictly increasing even when the clock stands still or steps back
 * (village PCs' clocks do): the time part never goes below the last one issued.
 */
export function createIdGenerator(
  villageCode: string,
  kioskId: string,
  clock: () => number = () => Date.now(),
): IdGenerator {
  let lastTime = 0;
  let counter = 0;
  return {
    next(type) {
      const now = clock();
      if (now > lastTime) {
        lastTime = now;
        counter = 0;
      } else {
        counter++;
        if (counter >= 32 ** 3) {
          lastTime++;
          counter = 0;
        }
      }
      return `${type}:${encodeBase32(lastTime, 9)}${encodeBase32(counter, 3)}:${villageCode}:${kioskId}`;
    },
  };
}

/** The parts of an ID made by `createIdGenerator`, or null for anything else. */
export function parseId(id: string): { type: string; villageCode: string; kioskId: string } | null {
  const match = /^([a-z-]+):[0-9a-z]{12}:(\d{10}):([a-z0-9][a-z0-9-]{0,19})$/.exec(id);
  if (!match) return null;
  return { type: match[1]!, villageCode: match[2]!, kioskId: match[3]! };
}
