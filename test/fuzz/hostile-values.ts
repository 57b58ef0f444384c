// Inputs that break naive servers: wrong types, boundary and huge numbers, long and unicode strings, NUL bytes, lone
// surrogates, malformed ids and malformed JSON.
import fc from 'fast-check'

const NIL_UUID = '00000000-0000-0000-0000-000000000000'

const strings = [
  '', ' ', '\u0000', 'a\u0000b', '\ud800', 'x\udfffy', '😀👨‍👩‍👧', 'שלום', 'e\u0301', '\u202egnp.exe', "'; DROP TABLE users; --",
  '%00', '../../etc/passwd', '<script>alert(1)</script>', 'a'.repeat(10_000), '𝕏'.repeat(2_000), NIL_UUID, 'NaN', '1e309', '-1', '9'.repeat(40),
]
const numbers = [0, -1, 1.5, -0.5, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 2 ** 53 + 2, 2 ** 63, 1e308, -1e308, 1e-320]
const wrongTypes: unknown[] = [true, false, null, [], {}, [null], { $gt: '' }, JSON.parse('{"__proto__":{"polluted":true}}') as unknown]

/** A JSON value to put where the schema expects something else (or something sane). */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...strings),
  fc.constantFrom(...numbers),
  fc.constantFrom(...wrongTypes),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
  fc.string({ maxLength: 20 }).map((s) => `${s}\u0000${s}`),
)

/** Raw (already percent-encoded) text for a path segment or query value. */
export const hostileUrlText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'not-a-uuid', NIL_UUID, 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', '%00', 'a%00b', `${NIL_UUID}%00`, '%ED%A0%80', '%FF', '%F0%9F%98%80',
    '..%2F..%2Fetc%2Fpasswd', '-1', '0', '99999999999999999999', '1e309', 'NaN', 'x'.repeat(5_000), '%20', '%E2%80%AE',
  ),
  fc.uuid().map((id) => id.toUpperCase()),
  fc.uuid().map((id) => id.slice(0, 35)),
)

/** Bodies that are not the JSON they claim to be, or are JSON no schema expects. */
export const malformedJsonPayload: fc.Arbitrary<string | Buffer> = fc.constantFrom<string | Buffer>(
  '{', '{"a":', '[1,2', 'nul', '"\\ud800"', '{"a":"\\u0000"}', '\u0000', '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"x":1}}}',
  Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), '1'.repeat(400), `${'['.repeat(5_000)}${']'.repeat(5_000)}`, 'null', '[]', '"text"', '42',
)
