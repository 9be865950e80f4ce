import { describe, expect, it } from 'vitest';
import { hubProof, kioskProof, newPairingCode, normalizeCode, sameProof } from './pairing-proof';

describe('pairing proofs', () => {
  it('read off a screen: 8 unambiguous characters, typed in any case and spacing', () => {
    const code = newPairingCode();
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
    expect(normalizeCode(` ${code.toLowerCase().replace('-', ' ')} `)).toBe(code.replace('-', ''));
    const typed = code.toLowerCase().replace('-', '');
    expect(kioskProof(typed, 'AA:BB', '3510172001', 'loket')).toBe(
      kioskProof(code, 'AA:BB', '3510172001', 'loket'),
    );
  });

  it('binds the code to the certificate seen, the village, the kiosk and the account', () => {
    const code = 'ABCD-EFGH';
    const proof = kioskProof(code, 'AA:BB', '3510172001', 'loket');
    expect(sameProof(proof, kioskProof(code, 'AA:BC', '3510172001', 'loket'))).toBe(false);
    expect(sameProof(proof, kioskProof(code, 'AA:BB', '3510172002', 'loket'))).toBe(false);
    expect(sameProof(proof, kioskProof(code, 'AA:BB', '3510172001', 'meja'))).toBe(false);
    expect(sameProof(proof, kioskProof('ABCD-EFGJ', 'AA:BB', '3510172001', 'loket'))).toBe(false);
    expect(sameProof(proof, proof)).toBe(true);
    expect(sameProof(hubProof(code, 'AA:BB', 'u', 'p1'), hubProof(code, 'AA:BB', 'u', 'p2'))).toBe(
      false,
    );
    expect(sameProof('', '')).toBe(false);
  });
});
