export * from './users.js'
export * from './catalog.js'
export * from './scheduling.js'
export * from './platform.js'
