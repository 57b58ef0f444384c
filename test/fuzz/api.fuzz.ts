// Every operation of the served OpenAPI document, hit with schema-valid requests and their mutants as each kind of
// caller; the oracles in oracles.ts judge every answer. FUZZ_SEED replays a run, FUZZ_ONLY='POST /api/bookings' one
// operation, FUZZ_RUNS sets the requests per operation (the run's budget).
import fc from 'fast-check'
import { afterAll, describe, it } from 'vitest'
import { buildFuzzWorld } from './fuzz-world.js'
import { fuzzRequest, type FuzzRequest } from './fuzz-request.js'
import { listOperations, type OpenApiDocument, type Operation } from './operations.js'
import { checkAnswer, responseValidators, type Answer } from './oracles.js'

const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31))
const RUNS = Number(process.env.FUZZ_RUNS ?? 120)
const ONLY = process.env.FUZZ_ONLY

const world = await buildFuzzWorld()
const document = (await world.ctx.app.inject({ method: 'GET', url: '/openapi.json' })).json() as OpenApiDocument
// operations that delete, cancel or reject the shared rows run last, so the others still find them
const destroys = (op: Operation) => op.method === 'DELETE' || /\/(cancel|reject|deactivate|decline)$/.test(op.path)
const operations = listOperations(document)
  .filter((op) => !ONLY || op.key === ONLY)
  .sort((a, b) => Number(destroys(a)) - Number(destroys(b)))
const validatorOf = responseValidators(document)

/** A seed per operation, so replaying one operation alone sends the same requests. */
function seedOf(operation: Operation): number {
  let hash = SEED
  for (const ch of operation.key) hash = (Math.imul(hash, 31) + ch.charCodeAt(0)) | 0
  return hash
}

const clip = (text: string, max = 400) => (text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text)

function describeRequest(request: FuzzRequest): string {
  const payload = request.payload === undefined ? '' : `\n      body: ${clip(Buffer.isBuffer(request.payload) ? `<bytes ${request.payload.toString('hex')}>` : request.payload)}`
  return `${request.actor} ${request.method} ${clip(request.url, 300)} [${request.mutation}]\n      headers: ${clip(JSON.stringify(request.headers))}${payload}`
}

async function send(request: FuzzRequest): Promise<Answer> {
  const res = await world.ctx.app.inject({
    method: request.method as 'GET',
    url: request.url,
    headers: { ...world.headers[request.actor], ...request.headers },
    ...(request.payload === undefined ? {} : { payload: request.payload }),
  })
  return { status: res.statusCode, body: res.body }
}

// how far the requests got, printed once: operations no request ever got a 2xx from are where the fuzzer is blind
const statusClasses = new Map<string, number>()
const reachedHandler = new Set<string>()
afterAll(() => {
  const classes = [...statusClasses].sort().map(([c, n]) => `${c}: ${n}`).join(', ')
  const blind = operations.filter((op) => !reachedHandler.has(op.key)).map((op) => op.key)
  console.info(`fuzz FUZZ_SEED=${SEED}: ${classes}; no 2xx for ${blind.length} of ${operations.length} operations${blind.length ? `: ${blind.join(', ')}` : ''}`)
})

interface Finding {
  count: number
  run: number
  request: FuzzRequest
  answer: Answer
}

describe(`fuzz: ${RUNS} requests per operation, FUZZ_SEED=${SEED}`, () => {
  it.each(operations.map((op) => [op.key, op] as const))('%s', async (_key, operation) => {
    const requests = fc.sample(fuzzRequest(operation, { document, known: world.knownFor(operation.path) }), { seed: seedOf(operation), numRuns: RUNS })
    const findings = new Map<string, Finding>()
    for (const [run, request] of requests.entries()) {
      const answer = await send(request)
      if (process.env.FUZZ_TRACE) console.info(request.actor, request.mutation, request.url, clip(String(request.payload ?? ''), 300), '→', answer.status, clip(answer.body, 200))
      const statusClass = `${String(answer.status).slice(0, 1)}xx`
      statusClasses.set(statusClass, (statusClasses.get(statusClass) ?? 0) + 1)
      if (statusClass === '2xx') reachedHandler.add(operation.key)
      for (const problem of checkAnswer({ operation, actor: request.actor, answer, secretValues: world.secretValues, validatorOf })) {
        const seen = findings.get(problem)
        if (seen) seen.count++
        else findings.set(problem, { count: 1, run, request, answer })
      }
    }
    if (findings.size === 0) return
    const report = [...findings].map(([problem, f]) =>
      `  • ${problem} (${f.count}×; first at request ${f.run + 1})\n      ${describeRequest(f.request)}\n      answer: ${f.answer.status} ${clip(f.answer.body)}`)
    throw new Error(`${operation.key}: ${findings.size} finding(s); replay: FUZZ_SEED=${SEED} FUZZ_ONLY='${operation.key}' npm run test:fuzz\n${report.join('\n')}`)
  })
})
