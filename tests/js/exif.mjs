// JPEG segments and a GPS-tagged EXIF block, for the tests that prove metadata does not survive.

/** The marker segments of a JPEG up to its first scan: [{ marker, offset, length, gps }]. */
export function jpegSegments(bytes) {
  const segments = [];
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1];
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) { at += 2; continue; }
    const length = (bytes[at + 2] << 8) | bytes[at + 3];
    const payload = bytes.subarray(at + 4, at + 2 + length);
    const gps = marker === 0xe1 && Buffer.from(payload).indexOf(Buffer.from([0x25, 0x88])) >= 0;
    segments.push({ marker, offset: at, length, gps });
    if (marker === 0xda) break;
    at += 2 + length;
  }
  return segments;
}

/**
 * A little-endian EXIF APP1 as a phone writes it: Make, Model, and a GPS IFD with latitude and
 * longitude (39° 54′ 20″ N, 116° 23′ 30″ E).
 */
export function gpsExif() {
  const out = [];
  const u16 = (v) => out.push(v & 0xff, v >> 8);
  const u32 = (v) => out.push(v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >>> 24) & 0xff);
  const make = 'PhotogateTestPhone\0';
  // TIFF header, IFD0 (3 entries) at 8, its strings after it, then the GPS IFD (4 entries) and its rationals.
  const ifd0 = 8, ifd0Size = 2 + 3 * 12 + 4;
  const makeAt = ifd0 + ifd0Size;
  const gpsAt = makeAt + make.length + (make.length % 2);
  const gpsSize = 2 + 4 * 12 + 4;
  const latAt = gpsAt + gpsSize, lonAt = latAt + 24;
  out.push(0x49, 0x49); u16(42); u32(ifd0);
  u16(3);
  u16(0x010f); u16(2); u32(make.length); u32(makeAt);       // Make
  u16(0x0112); u16(3); u32(1); u16(1); u16(0);              // Orientation 1
  u16(0x8825); u16(4); u32(1); u32(gpsAt);                  // GPS IFD
  u32(0);
  for (const c of make) out.push(c.charCodeAt(0));
  if (make.length % 2) out.push(0);
  u16(4);
  u16(0x0001); u16(2); u32(2); out.push(0x4e, 0, 0, 0);     // GPSLatitudeRef N
  u16(0x0002); u16(5); u32(3); u32(latAt);                  // GPSLatitude
  u16(0x0003); u16(2); u32(2); out.push(0x45, 0, 0, 0);     // GPSLongitudeRef E
  u16(0x0004); u16(5); u32(3); u32(lonAt);                  // GPSLongitude
  u32(0);
  for (const v of [39, 54, 20, 116, 23, 30]) { u32(v); u32(1); }
  return Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), Buffer.from(out)]);
}

/** The JPEG with the GPS EXIF block inserted after its APP0 (or right after SOI). */
export function withGpsExif(jpeg) {
  const exif = gpsExif();
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, (exif.length + 2) >> 8, (exif.length + 2) & 0xff]), exif]);
  const first = jpegSegments(jpeg)[0];
  const at = first?.marker === 0xe0 ? first.offset + 2 + first.length : 2;
  return Buffer.concat([jpeg.subarray(0, at), app1, jpeg.subarray(at)]);
}
