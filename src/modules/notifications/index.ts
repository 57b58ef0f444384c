// Public face of the notifications module: app.ts wires the services, routes and jobs; other modules call the Notify
// function they are given (createNotifier) inside the transaction of their event.
export { createNotifier, DISPATCH_JOB, notificationJob, type AnyNotificationEvent, type NotificationEvent, type Notify } from './notifier.js'
export { KIND_RULES, NOTIFICATION_KINDS, type Channel, type NotificationDataByKind, type NotificationKind } from './notification-kinds.js'
export { createDeliveryService, DELIVER_JOB, PUSH_RECEIPTS_JOB, SWEEP_DELIVERIES_JOB, type DeliveryService } from './delivery.service.js'
export { createNotificationsService, type NotificationsService } from './notifications.service.js'
export { BROADCAST_JOB, createBroadcastsService, type BroadcastsService } from './broadcasts.service.js'
export { REMINDERS_JOB, sendSessionReminders } from './session-reminders.js'
export { notificationsModule } from './notifications.module.js'
export { languageOf, renderNotification, type Language } from './templates.js'
