// Who an audited admin action is by: the signed-in admin and the address their request came from.
import type { FastifyRequest } from 'fastify'
import { actorOf } from '../../shared/auth.js'

export interface AuditActor {
  readonly id: string
  /** The client's address (`request.ip`: the X-Forwarded-For client behind TRUST_PROXY, else the socket's peer). */
  readonly ip: string | null
}

/** The caller of a guarded admin route, as the audit trail records them; routes hand it to the audited use case. */
export function auditActorOf(request: FastifyRequest): AuditActor {
  return { id: actorOf(request).id, ip: request.ip }
}
