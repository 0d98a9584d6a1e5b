// Paths shared by the JavaScript tests.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const SHARED = process.env.PHOTOGATE_SHARED ?? join(ROOT, '..', 'shared');
export const PHOTOS = join(SHARED, 'photos');
export const CLI = process.env.PHOTOGATE_CLI ?? join(ROOT, 'target', 'debug', 'photogate');
export const OUTPUT = join(ROOT, 'test-output');
export const photo = (relative) => join(PHOTOS, relative);
