// The account as its owner sees it: a whitelist of the row's fields plus the children with their ages.
import type { Role } from '../../shared/auth.js'
import { ageOn } from './child-age.js'
import type { ChildRow, UserRow } from './auth.repository.js'

export interface ChildView {
  id: string
  name: string
  date_of_birth: string
  gender: string | null
  interests: string[]
  age: number
  created_at: string
}

export interface PublicUser {
  id: string
  name: string
  email: string | null
  phone: string | null
  role: Role
  status: 'active' | 'suspended'
  email_verified: boolean
  phone_verified: boolean
  city: string | null
  location: { lat: number; lng: number; area?: string | undefined } | null
  avatar_url: string | null
  preferences: Record<string, unknown>
  children: ChildView[]
  created_at: string
}

export interface SignInAnswer {
  access_token: string
  token_type: 'bearer'
  user: PublicUser
}

export function toChildView(child: ChildRow, now: Date): ChildView {
  return {
    id: child.id,
    name: child.name,
    date_of_birth: child.date_of_birth,
    gender: child.gender,
    interests: child.interests,
    age: ageOn(child.date_of_birth, now),
    created_at: child.created_at.toISOString(),
  }
}

export function toPublicUser(user: UserRow, children: ChildRow[], now: Date): PublicUser {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    phone: user.phone,
    role: user.role,
    status: user.status,
    email_verified: user.email_verified,
    phone_verified: user.phone_verified,
    city: user.city,
    location: user.location ?? null,
    avatar_url: user.avatar_url,
    preferences: user.preferences,
    children: children.map((c) => toChildView(c, now)),
    created_at: user.created_at.toISOString(),
  }
}
