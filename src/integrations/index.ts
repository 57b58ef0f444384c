// Every outside service the app talks to, behind an interface; main.ts picks real or offline clients from config.
export interface Providers {
  /** Placeholder key so the shape is an object before the first provider lands; later issues add theirs. */
  readonly kind: 'providers'
}

export function createProviders(): Providers {
  return { kind: 'providers' }
}
