// The part of the `qrcode` npm package (MIT, soldair/node-qrcode) the results protocol uses: an
// SVG image of a text, built in the page (no network). The package ships no types of its own.
declare module 'qrcode' {
  export type QrOptions = { type?: 'svg'; margin?: number; width?: number; errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' };
  export function toString(text: string, options?: QrOptions): Promise<string>;
  const QRCode: { toString: typeof toString };
  export default QRCode;
}
