// Response serializers, compiled when a route first answers with that status and once per schema object. Compiling every
// route's every documented status at start (about 5 error statuses per route, each the same ErrorResponse) held ~55 MB
// of generated code in a process that answers a handful of them; a route now pays its compile on its first answer.
import SerializerSelector from '@fastify/fast-json-stringify-compiler'

type Serializer = (payload: unknown) => string

export function buildLazySerializers(selector: SerializerSelector.SerializerFactory = SerializerSelector()): SerializerSelector.SerializerFactory {
  return (externalSchemas, options) => {
    const compile = selector(externalSchemas, options)
    // the external schemas are this context's: one schema object gives one serializer in it, whatever the route
    const compiled = new WeakMap<object, Serializer>()
    return (route) => {
      let serialize: Serializer | undefined
      return (payload) => {
        if (!serialize) {
          const key = typeof route.schema === 'object' && route.schema !== null ? route.schema : undefined
          serialize = (key && compiled.get(key)) ?? compile(route)
          if (key) compiled.set(key, serialize)
        }
        return serialize(payload)
      }
    }
  }
}
