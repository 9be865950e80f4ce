// The verification QR as an SVG, drawn from the signed payload (qrcode-generator, MIT, no
// dependencies). Only ever called with a signed payload (certify.ts `qrPayloadOf`).
import qrcode from 'qrcode-generator';

export function qrSvg(payload: string): string {
  const qr = qrcode(0, 'L'); // level L keeps modules large enough (≥0.35 mm at 28 mm) to scan off paper
  qr.addData(payload, 'Byte');
  qr.make();
  return qr.createSvgTag({ cellSize: 2, margin: 2, scalable: true });
}
