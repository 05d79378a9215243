// The npm baselines of bench/allocation_benchmark: the packages `dhondt` and `sainte-lague`
// (installed by bench/allocation/run) on the cases the benchmark writes, one per line as
// "seats votes...". Prints each case's answers, then times both packages on the first case.
//   node npm_allocation.mjs NPM_DIR CASES_FILE [--time-ms N] [--rounds N] [--no-answers]
// Output lines: "case I dhondt S S ... sainte-lague S S ...|tie", then "time dhondt NS" and
// "time sainte-lague NS" (nanoseconds per allocation) once per round, alternating.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const [npmDir, casesFile, ...rest] = process.argv.slice(2)
const option = (name, fallback) => {
  const at = rest.indexOf(name)
  return at >= 0 ? Number(rest[at + 1]) : fallback
}
const timeMs = option('--time-ms', 500)
const rounds = option('--rounds', 3)

const modules = resolve(npmDir, 'node_modules')
const dhondt = createRequire(join(modules, 'dhondt', 'package.json'))('dhondt')
const sainteLague = (await import(pathToFileURL(join(modules, 'sainte-lague', 'src', 'index.js')).href)).default

const cases = readFileSync(casesFile, 'utf8').trim().split('\n').map(line => {
  const numbers = line.trim().split(/\s+/).map(Number)
  const votes = numbers.slice(1)
  return { seats: numbers[0], votes, byParty: Object.fromEntries(votes.map((v, i) => ['p' + i, v])) }
})

const runDhondt = c => dhondt.compute(c.votes, c.seats)
const runSainteLague = c => {
  try {
    const seats = sainteLague(c.byParty, c.seats)
    return c.votes.map((_, i) => seats['p' + i])
  } catch (error) {
    if (/ambiguous/.test(String(error.message))) return null  // a tie: the package will not guess
    throw error
  }
}

const out = []
if (!rest.includes('--no-answers')) cases.forEach((c, i) => {
  const sl = runSainteLague(c)
  out.push(`case ${i} dhondt ${runDhondt(c).join(' ')} sainte-lague ${sl === null ? 'tie' : sl.join(' ')}`)
})

// Nanoseconds per call of f over at least timeMs, in batches of 1000.
let sink = 0
const time = (f, c, ms) => {
  const start = process.hrtime.bigint()
  const budget = BigInt(ms) * 1000000n
  let calls = 0
  let now
  do {
    for (let i = 0; i < 1000; i++) sink += f(c)[0]
    calls += 1000
    now = process.hrtime.bigint()
  } while (now - start < budget)
  return Number(now - start) / calls
}
const timed = cases[0]
time(runDhondt, timed, Math.min(timeMs, 200))  // warm-up: let the JIT compile both
time(runSainteLague, timed, Math.min(timeMs, 200))
for (let r = 0; r < rounds; r++) {
  out.push(`time dhondt ${time(runDhondt, timed, timeMs).toFixed(1)}`)
  out.push(`time sainte-lague ${time(runSainteLague, timed, timeMs).toFixed(1)}`)
}
out.push(`sink ${sink > 0 ? 'ok' : 'empty'}`)
process.stdout.write(out.join('\n') + '\n')
