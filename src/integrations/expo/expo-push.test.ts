// The Expo push client against a local fake of Expo's push service.
import { afterAll, describe, expect, it } from 'vitest'
import { startFakeExpoPush } from '../../../test/fakes/expo-push-server.js'
import { createExpoPushClient, isExpoPushToken, PushDeliveryError } from './index.js'

const expo = await startFakeExpoPush()
afterAll(() => expo.close())
const client = createExpoPushClient({ apiBase: expo.baseUrl, accessToken: 'expo-access' })

describe('Expo push client', () => {
  it('posts messages to /--/api/v2/push/send with JSON headers and the access token, one ticket each', async () => {
    const tickets = await client.send([
      { to: 'ExponentPushToken[aaa]', title: 'Hi', body: 'There', data: { kind: 'x' } },
      { to: 'ExponentPushToken[bbb]', title: 'Hi', body: 'There' },
    ])
    expect(tickets).toEqual([{ status: 'ok', id: expect.any(String) }, { status: 'ok', id: expect.any(String) }])
    const first = expo.sent.find((p) => p.message.to === 'ExponentPushToken[aaa]')!
    expect(first.headers).toMatchObject({ accept: 'application/json', 'content-type': 'application/json', authorization: 'Bearer expo-access' })
    expect(first.message).toEqual({ to: 'ExponentPushToken[aaa]', title: 'Hi', body: 'There', data: { kind: 'x' }, sound: 'default' })
  })

  it('sends more than 100 messages in chunks of 100', async () => {
    const tickets = await client.send(Array.from({ length: 150 }, (_, i) => ({ to: `ExponentPushToken[chunk${i}]`, title: 't', body: 'b' })))
    expect(tickets).toHaveLength(150)
  })

  it('answers DeviceNotRegistered tickets and receipts', async () => {
    expo.unregisterAtSend('ExponentPushToken[gone]')
    expo.unregisterAtReceipt('ExponentPushToken[later]')
    const [gone, later] = await client.send([{ to: 'ExponentPushToken[gone]', title: 't', body: 'b' }, { to: 'ExponentPushToken[later]', title: 't', body: 'b' }])
    expect(gone).toMatchObject({ status: 'error', error: 'DeviceNotRegistered' })
    const id = later!.status === 'ok' ? later!.id : ''
    expect(await client.getReceipts([id, 'unknown'])).toEqual({ [id]: { status: 'error', message: expect.any(String), error: 'DeviceNotRegistered' } })
  })

  it('rejects with PushDeliveryError on a 5xx or when Expo cannot be reached', async () => {
    expo.failWith(503)
    try {
      await expect(client.send([{ to: 'ExponentPushToken[x]', title: 't', body: 'b' }])).rejects.toBeInstanceOf(PushDeliveryError)
    } finally {
      expo.failWith(undefined)
    }
    const down = createExpoPushClient({ apiBase: 'http://127.0.0.1:1', accessToken: '' })
    await expect(down.getReceipts(['a'])).rejects.toBeInstanceOf(PushDeliveryError)
  })

  it.each([
    ['ExponentPushToken[xxxxxxxxxxxxxxxxxxxxxx]', true],
    ['ExpoPushToken[abc]', true],
    ['ExponentPushToken[]', false],
    ['fcm:abc', false],
    ['ExponentPushToken[a b]', false],
  ])('isExpoPushToken(%s) is %s', (token, valid) => {
    expect(isExpoPushToken(token)).toBe(valid)
  })
})
