// Photos the core cannot decode (HEIF from an iPhone, AVIF): the browser decodes them where it can
// (createImageBitmap, in a worker or the page), and the core checks the pixels. The file rules still
// read the file itself, so `file.format` fails as the standard wants JPEG. This decides nothing about
// the photo: it only hands the core pixels it could not make itself.
import { PhotogateError } from './shared.js';

// The core's default pixel limit (Limits::max_pixels): a larger bitmap is not drawn at all.
const MAX_PIXELS = 64_000_000;

/** Whether the core's report says it could not read the photo's pixels. */
export function undecoded(report) {
  return report.items.some((item) => item.reason === 'not_decoded');
}

/**
 * The photo decoded by the browser, upright (EXIF orientation applied), as
 * `{ rgba: Uint8Array, width, height }`; null where the browser cannot decode it either.
 */
export async function decodeInBrowser(bytes) {
  if (typeof createImageBitmap !== 'function' || typeof OffscreenCanvas !== 'function') return null;
  let bitmap;
  try {
    bitmap = await createImageBitmap(new Blob([bytes]), { imageOrientation: 'from-image' });
  } catch {
    return null;
  }
  try {
    const { width, height } = bitmap;
    if (width * height > MAX_PIXELS) {
      throw new PhotogateError('limit_exceeded', `image of ${width}×${height} px is over the limit of ${MAX_PIXELS} pixels`);
    }
    const context = new OffscreenCanvas(width, height).getContext('2d');
    if (!context) return null;
    context.drawImage(bitmap, 0, 0);
    const { data } = context.getImageData(0, 0, width, height);
    return { rgba: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width, height };
  } finally {
    bitmap.close();
  }
}
