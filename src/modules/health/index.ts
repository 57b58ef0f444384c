// Public face of the health module: app.ts wires it from here.
export { healthModule } from './health.module.js'
