// The notifications module as app.ts wires it: inbox, preferences and push token routes, admin broadcasts, and the jobs
// that dispatch events, deliver messages, send reminders, walk broadcasts and check push receipts.
import type { AppModule } from '../../platform/app-module.js'
import type { AuthGuard } from '../../shared/auth.js'
import { BROADCAST_JOB, type BroadcastsService } from './broadcasts.service.js'
import { DELIVER_JOB, PUSH_RECEIPTS_JOB, SWEEP_DELIVERIES_JOB, type DeliveryService } from './delivery.service.js'
import { adminNotificationRoutes } from './notifications-admin.routes.js'
import { notificationRoutes } from './notifications.routes.js'
import type { NotificationsService } from './notifications.service.js'
import { DISPATCH_JOB, type NotificationEvent } from './notifier.js'
import { REMINDERS_JOB } from './session-reminders.js'

export interface NotificationsModuleDeps {
  guard: AuthGuard
  notifications: NotificationsService
  broadcasts: BroadcastsService
  delivery: DeliveryService
  /** The reminders cron's work (sendSessionReminders bound to the app's notify). */
  sendReminders: () => Promise<number>
}

export function notificationsModule({ guard, notifications, broadcasts, delivery, sendReminders }: NotificationsModuleDeps): AppModule {
  return {
    name: 'notifications',
    routes: async (app) => {
      await app.register(notificationRoutes, { guard, notifications })
      await app.register(adminNotificationRoutes, { guard, broadcasts })
    },
    jobs: [
      { name: DISPATCH_JOB, handler: async (event: NotificationEvent) => void (await delivery.dispatch(event)) },
      { name: DELIVER_JOB, handler: async ({ delivery_id }: { delivery_id?: string }) => void (delivery_id && (await delivery.deliver(delivery_id))) },
      { name: BROADCAST_JOB, handler: async ({ broadcast_id }: { broadcast_id?: string }) => void (broadcast_id && (await broadcasts.sendBroadcastBatch(broadcast_id))) },
      { name: REMINDERS_JOB, handler: async () => void (await sendReminders()), cron: '*/5 * * * *' },
      // a safety net behind the deliver jobs, and the release of messages held by quiet hours
      { name: SWEEP_DELIVERIES_JOB, handler: async () => void (await delivery.sweepDeliveries()), cron: '* * * * *' },
      { name: PUSH_RECEIPTS_JOB, handler: async () => void (await delivery.checkPushReceipts()), cron: '*/15 * * * *' },
    ],
  }
}
