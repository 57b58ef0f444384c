// Demo rows get ids derived from a name (UUID v5 layout over SHA-1), so a second seeding run finds the same rows.
import { createHash } from 'node:crypto'

const NAMESPACE = 'rrray-demo-data'

/** The same name always gives the same UUID; different names practically never collide. */
export function stableId(name: string): string {
  const bytes = createHash('sha1').update(`${NAMESPACE}:${name}`).digest().subarray(0, 16)
  bytes[6] = (bytes[6]! & 0x0f) | 0x50 // version 5
  bytes[8] = (bytes[8]! & 0x3f) | 0x80 // RFC 4122 variant
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** A number in [0, 1) fixed by the name: demo "randomness" that is the same on every run. */
export function stableFraction(name: string): number {
  return createHash('sha1').update(name).digest().readUInt32BE(0) / 2 ** 32
}

/** An integer in [min, max], fixed by the name. */
export function stableInt(name: string, min: number, max: number): number {
  return min + Math.floor(stableFraction(name) * (max - min + 1))
}
