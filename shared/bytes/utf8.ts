// The one UTF-8 encoder and decoder of the project. TextEncoder/TextDecoder exist in Chromium
// and Node alike; shared/ compiles without DOM or Node types, so they are reached through
// globalThis with the narrow type used here.
interface Coder {
  encode(text: string): Uint8Array;
  decode(bytes: Uint8Array): string;
}
const coders = (): { encoder: Coder; decoder: Coder } => {
  const g = globalThis as unknown as {
    TextEncoder: new () => Coder;
    TextDecoder: new (label?: string, options?: { fatal: boolean }) => Coder;
  };
  return { encoder: new g.TextEncoder(), decoder: new g.TextDecoder('utf-8', { fatal: true }) };
};

export const utf8Encode = (text: string): Uint8Array => coders().encoder.encode(text);

/** Throws on bytes that are not valid UTF-8 (never replaces them silently). */
export const utf8Decode = (bytes: Uint8Array): string => coders().decoder.decode(bytes);
