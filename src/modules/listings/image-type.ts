// What an uploaded file really is, from its first bytes: JPEG, PNG or WebP, or nothing we accept.
import type { ImageExtension } from '../../integrations/media-storage/index.js'

export interface ImageType {
  readonly extension: ImageExtension
  readonly contentType: 'image/jpeg' | 'image/png' | 'image/webp'
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

const ascii = (bytes: Buffer, start: number, end: number) => bytes.subarray(start, end).toString('latin1')

/**
 * The image type the bytes hold, never what the file name or Content-Type claim. Besides the magic number it checks the
 * structure right after it (PNG's IHDR chunk, WebP's VP8 chunk), so a text file with a borrowed first line is refused.
 */
export function detectImageType(bytes: Buffer): ImageType | undefined {
  // JPEG: SOI marker then another marker
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff && bytes[3] !== 0xff)
    return { extension: 'jpg', contentType: 'image/jpeg' }
  // PNG: the 8-byte signature, then the IHDR chunk (length 13)
  if (bytes.length >= 24 && bytes.subarray(0, 8).equals(PNG_SIGNATURE) && bytes.readUInt32BE(8) === 13 && ascii(bytes, 12, 16) === 'IHDR')
    return { extension: 'png', contentType: 'image/png' }
  // WebP: a RIFF container of form WEBP whose first chunk is VP8, VP8L or VP8X
  if (bytes.length >= 16 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP' && /^VP8[ LX]$/.test(ascii(bytes, 12, 16)))
    return { extension: 'webp', contentType: 'image/webp' }
  return undefined
}
