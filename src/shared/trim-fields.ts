// Admin forms send names and descriptions as typed: stored without the surrounding spaces, other fields untouched.
export const trimNameAndDescription = <T extends { name?: string | undefined; description?: string | undefined }>(body: T): T => ({
  ...body,
  ...(body.name === undefined ? {} : { name: body.name.trim() }),
  ...(body.description === undefined ? {} : { description: body.description.trim() }),
})
