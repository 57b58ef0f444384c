// `npm run seed`: migrations, then the demo data, against the configured database (DATABASE_URL, else PGlite in DATA_DIR).
import { seedDemoData } from '../seed/demo.js'
import { systemClock } from '../shared/clock.js'
import { runSeedCommand } from './run-seed.js'

runSeedCommand('demo data', (db, config) => seedDemoData(db, { clock: systemClock, adminEmails: config.adminEmails }))
