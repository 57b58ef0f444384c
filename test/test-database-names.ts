// Names for the databases a test run creates on PostgreSQL; unique per run so parallel runs do not collide.
export function templateDatabaseName(): string {
  return `rrray_template_${process.pid}`
}

export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${name}`
  return parsed.toString()
}
