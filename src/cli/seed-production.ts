// `npm run seed:production`: migrations, then the starting set only (categories, credit plans; no partners, listings or
// users), against the configured database (DATABASE_URL, else PGlite in DATA_DIR).
import { seedProductionData } from '../seed/production.js'
import { runSeedCommand } from './run-seed.js'

runSeedCommand('starting set', (db) => seedProductionData(db))
