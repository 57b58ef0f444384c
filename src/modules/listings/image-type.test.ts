import { describe, expect, it } from 'vitest'
import { detectImageType } from './image-type.js'

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR'), Buffer.alloc(17)])
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46])
const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([26, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(18)])

describe('detectImageType', () => {
  it('recognises JPEG, PNG and WebP by their bytes', () => {
    expect(detectImageType(jpeg)).toEqual({ extension: 'jpg', contentType: 'image/jpeg' })
    expect(detectImageType(png)).toEqual({ extension: 'png', contentType: 'image/png' })
    expect(detectImageType(webp)).toEqual({ extension: 'webp', contentType: 'image/webp' })
  })

  it('refuses text, HTML, SVG, GIF, PDF and an empty file', () => {
    for (const text of ['hello, I am a text file', '<html><script>alert(1)</script>', '<svg xmlns="http://www.w3.org/2000/svg"/>', 'GIF89a......', '%PDF-1.7'])
      expect(detectImageType(Buffer.from(text))).toBeUndefined()
    expect(detectImageType(Buffer.alloc(0))).toBeUndefined()
  })

  it('refuses a bare magic number without the structure behind it', () => {
    expect(detectImageType(png.subarray(0, 8))).toBeUndefined()
    expect(detectImageType(Buffer.concat([png.subarray(0, 12), Buffer.from('<?php system($_GET[1]);')]))).toBeUndefined()
    expect(detectImageType(Buffer.concat([Buffer.from('RIFF\0\0\0\0WAVEfmt '), Buffer.alloc(8)]))).toBeUndefined()
    expect(detectImageType(Buffer.from([0xff, 0xd8]))).toBeUndefined()
  })
})
