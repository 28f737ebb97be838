import { createHash } from 'node:crypto';
import type { Diagnostics } from '../diagnostics.js';
import { MAX_FILE_BYTES, type FileSource } from '../io.js';
import { sniffImage } from '../markdown/images.js';
import type { Attendee, AttendeePhoto } from '../model/attendees.js';

/** Where badge photos are, inside content/, and the names they may have. */
const DIR = 'photos';
const EXTENSIONS = ['jpg', 'jpeg', 'png', 'JPG', 'JPEG', 'PNG'];

/**
 * The photo of an attendee: content/photos/<id>.jpg (or .jpeg, .png), read through the content
 * source only, with the checks a booklet image gets (PNG or JPEG, at most 8 MB and 25 million
 * pixels). An id that could leave the folder is never looked up; a broken file warns and the
 * badge is printed without a photo.
 */
export function findPhoto(source: FileSource, a: Omit<Attendee, 'extra'>, diags: Diagnostics): AttendeePhoto | undefined {
  if (!/^[\p{L}\p{N}_-][\p{L}\p{N}_.-]*$/u.test(a.id) || a.id === '__proto__') return undefined;
  for (const ext of EXTENSIONS) {
    const path = `${DIR}/${a.id}.${ext}`;
    const bytes = source.readBytes(path);
    if (!bytes) continue;
    const info = bytes.length <= MAX_FILE_BYTES ? sniffImage(bytes) : undefined;
    if (!info) {
      diags.warn('image-format', { file: `${source.label}/${path}`, line: 1, column: 1 },
        `${source.label}/${path} (the photo of ${a.name}) is not a readable PNG or JPEG image (or has more than 25 million pixels, or 8 MB); the badge is printed without it`,
        'save the photo again as JPEG or PNG, at most 5000 × 5000 pixels; a few hundred pixels a side is plenty for a badge');
      return undefined;
    }
    return { path, ...info, digest: createHash('sha256').update(bytes).digest('hex') };
  }
  return undefined;
}

/** The photo's bytes as a data URL, for the badge renderer (read again, chunk by chunk, so memory stays flat). */
export function photoDataUrl(source: FileSource, photo: AttendeePhoto): string | undefined {
  const bytes = source.readBytes(photo.path);
  return bytes && `data:image/${photo.format};base64,${bytes.toString('base64')}`;
}
