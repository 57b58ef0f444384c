// Request and response shapes of the inbox, preferences, push tokens and admin broadcasts.
import Type, { type Static } from 'typebox'
import { PUSH_PLATFORMS } from '../../db/schema/notifications.js'
import { IsoDateTime, Page, PageQuery, Uuid } from '../../shared/schemas.js'
import { CHANNELS, NOTIFICATION_KINDS } from './notification-kinds.js'

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()])
const Kind = Type.Enum([...NOTIFICATION_KINDS])
const Channel = Type.Enum([...CHANNELS])

const NOTIFICATION_EXAMPLE = {
  id: '3c2b1a09-8f7e-4d6c-95a4-938271605f4e', kind: 'booking_confirmed', title: 'Booking confirmed',
  body: 'Your booking for Junior Chess is confirmed for 5 Dec 2026, 10:00 am. Paid: ₹999.00.',
  data: { booking_id: '2d1c0b9a-8f7e-4d6c-95a4-938271605f4e', listing_id: '6f1c2b9e-3d4a-4e5f-8a7b-1c2d3e4f5a6b' }, read_at: null, created_at: '2026-12-01T04:30:00.000Z',
}

export const NotificationResponse = Type.Object(
  {
    id: Uuid,
    kind: Kind,
    title: Type.String(),
    body: Type.String(),
    data: Type.Record(Type.String(), Type.Unknown(), { description: 'The event’s ids (booking_id, listing_id, …) for a deep link' }),
    read_at: Nullable(IsoDateTime),
    created_at: IsoDateTime,
  },
  { examples: [NOTIFICATION_EXAMPLE] },
)
export type NotificationResponse = Static<typeof NotificationResponse>

export const ListNotificationsQuery = Type.Intersect([PageQuery, Type.Object({ unread: Type.Optional(Type.Boolean({ description: 'Only unread ones' })) })])
export type ListNotificationsQuery = Static<typeof ListNotificationsQuery>

const page = Page(NotificationResponse)
export const NotificationPage = Type.Object(
  { ...page.properties, unread_count: Type.Integer({ minimum: 0, description: 'Unread notifications of the user, whatever the filter' }) },
  { examples: [{ items: [NOTIFICATION_EXAMPLE], total: 1, page: 1, page_size: 20, unread_count: 1 }] },
)

export const ReadAllResponse = Type.Object({ updated: Type.Integer({ minimum: 0 }) }, { examples: [{ updated: 3 }] })

const ChannelSwitches = Type.Object(
  { in_app: Type.Optional(Type.Boolean()), email: Type.Optional(Type.Boolean()), sms: Type.Optional(Type.Boolean()), push: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
)

export const KindPreference = Type.Object({
  kind: Kind,
  transactional: Type.Boolean({ description: 'Receipts and confirmations: always sent, cannot be turned off' }),
  channels: ChannelSwitches,
})

const PREFERENCES_EXAMPLE = {
  quiet_hours: true,
  kinds: [
    { kind: 'booking_confirmed', transactional: true, channels: { in_app: true, email: true, sms: true, push: true } },
    { kind: 'session_reminder_24h', transactional: false, channels: { in_app: true, email: false, push: true } },
  ],
}

export const PreferencesResponse = Type.Object(
  {
    quiet_hours: Type.Boolean({ description: '21:00–08:00 India time: non-urgent push and SMS wait until 08:00' }),
    kinds: Type.Array(KindPreference, { description: 'Each kind with the channels it is sent on, on or off' }),
  },
  { examples: [PREFERENCES_EXAMPLE] },
)
export type PreferencesResponse = Static<typeof PreferencesResponse>

export const UpdatePreferencesBody = Type.Object(
  {
    quiet_hours: Type.Optional(Type.Boolean()),
    kinds: Type.Optional(
      Type.Object(Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, Type.Optional(ChannelSwitches)])), {
        additionalProperties: false,
        description: 'Per kind, the channels to turn on (true) or off (false); kinds and channels left out keep their setting',
        examples: [{ session_reminder_24h: { email: false } }],
      }),
    ),
  },
  { additionalProperties: false },
)
export type UpdatePreferencesBody = { quiet_hours?: boolean; kinds?: Partial<Record<string, Partial<Record<(typeof CHANNELS)[number], boolean>>>> }

export const RegisterPushTokenBody = Type.Object({
  token: Type.String({ minLength: 1, maxLength: 255, description: 'The Expo push token of the device', examples: ['ExponentPushToken[xxxxxxxxxxxxxxxxxxxxxx]'] }),
  platform: Type.Enum([...PUSH_PLATFORMS]),
})
export type RegisterPushTokenBody = Static<typeof RegisterPushTokenBody>

export const PushTokenResponse = Type.Object(
  { token: Type.String(), platform: Type.Enum([...PUSH_PLATFORMS]), created_at: IsoDateTime, updated_at: IsoDateTime },
  { examples: [{ token: 'ExponentPushToken[xxxxxxxxxxxxxxxxxxxxxx]', platform: 'android', created_at: '2026-12-01T04:30:00.000Z', updated_at: '2026-12-01T04:30:00.000Z' }] },
)

export const PushTokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 255 }) })

const Segment = Type.Object(
  {
    role: Type.Optional(Type.Enum(['customer', 'partner', 'admin'])),
    city: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '\\S', description: 'The profile’s city, case-insensitive' })),
  },
  { additionalProperties: false, description: 'Active users matching every field given; {} is everyone' },
)

export const CreateBroadcastBody = Type.Object({
  segment: Segment,
  title: Type.String({ minLength: 1, maxLength: 120, pattern: '\\S', examples: ['Summer camps are open'] }),
  body: Type.String({ minLength: 1, maxLength: 1000, pattern: '\\S', examples: ['Book a summer camp before 31 March and get a free trial class.'] }),
  channels: Type.Array(Channel, { minItems: 1, maxItems: 4, uniqueItems: true, examples: [['in_app', 'push']] }),
})
export type CreateBroadcastBody = Static<typeof CreateBroadcastBody>

export const BroadcastResponse = Type.Object(
  {
    id: Uuid,
    segment: Segment,
    title: Type.String(),
    body: Type.String(),
    channels: Type.Array(Channel),
    status: Type.Enum(['sending', 'completed']),
    total: Type.Integer({ minimum: 0, description: 'Users in the segment when it was sent' }),
    processed: Type.Integer({ minimum: 0, description: 'Users handed to the notification service so far' }),
    created_at: IsoDateTime,
    completed_at: Nullable(IsoDateTime),
  },
  {
    examples: [{
      id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', segment: { role: 'customer', city: 'Bengaluru' }, title: 'Summer camps are open', body: 'Book a summer camp before 31 March.',
      channels: ['in_app', 'push'], status: 'sending', total: 1200, processed: 500, created_at: '2026-12-01T04:30:00.000Z', completed_at: null,
    }],
  },
)
export type BroadcastResponse = Static<typeof BroadcastResponse>
