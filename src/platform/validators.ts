// Request validators compiled by Ajv when a route is first called, not at start: compiling every route's params, query
// and body was most of the time between building the app and serving (~0.5 s of CPU), for routes a process may never see.
import AjvCompiler from '@fastify/ajv-compiler'

type Validate = ((data: unknown, context?: unknown) => unknown) & { errors?: unknown; schemaEnv?: unknown }

export function buildLazyValidators(selector: AjvCompiler.BuildCompilerFromPool = AjvCompiler()): AjvCompiler.BuildCompilerFromPool {
  return (externalSchemas, options) => {
    const compile = selector(externalSchemas, options)
    return (route) => {
      let validate: Validate | undefined
      const lazy: Validate = (data, context) => {
        validate ??= compile(route) as Validate
        const valid = validate(data, context)
        lazy.errors = validate.errors
        return valid
      }
      // Fastify passes the parent object only to an Ajv function (it has schemaEnv), so a coerced root value sticks
      lazy.schemaEnv = true
      return lazy as unknown as ReturnType<ReturnType<AjvCompiler.BuildCompilerFromPool>>
    }
  }
}
