/** Typed REST calls, one per contract line the app uses. */
import type { AttendanceReport, Capability, ClassStatus, ClassView, CommentMessage, MeView, MyAttendanceItem, Page } from '@llms/contract';
import { api, authApi, type AuthResult } from './http';

export const auth = {
  register: (body: { name: string; email: string; password: string; capabilities: Capability[] }) =>
    authApi<AuthResult>('POST', '/api/auth/register', body),
  login: (body: { email: string; password: string }) =>
    authApi<AuthResult>('POST', '/api/auth/login', body),
  logout: () => authApi<Record<string, never>>('POST', '/api/auth/logout'),
};

export const users = {
  me: () => api<{ user: MeView }>('GET', '/api/users/me').then((r) => r.user),
  myAttendance: () =>
    api<{ items: MyAttendanceItem[] }>('GET', '/api/users/me/attendance').then((r) => r.items),
};

const enc = encodeURIComponent;

export const classes = {
  create: (body: { title: string; capacity: number }) =>
    api<{ class: ClassView }>('POST', '/api/classes', body).then((r) => r.class),
  get: (id: string) =>
    api<{ class: ClassView }>('GET', `/api/classes/${enc(id)}`).then((r) => r.class),
  byCode: (joinCode: string) =>
    api<{ class: ClassView }>('GET', `/api/classes/by-code/${enc(joinCode)}`).then((r) => r.class),
  listMine: (options: { cursor?: string | null; limit?: number; status?: ClassStatus } = {}) => {
    const query = new URLSearchParams({ mine: 'true', limit: String(options.limit ?? 20) });
    if (options.status) query.set('status', options.status);
    if (options.cursor) query.set('cursor', options.cursor);
    return api<Page<ClassView>>('GET', `/api/classes?${query}`);
  },
  start: (id: string) =>
    api<{ class: ClassView }>('POST', `/api/classes/${enc(id)}/start`).then((r) => r.class),
  end: (id: string) =>
    api<{ class: ClassView }>('POST', `/api/classes/${enc(id)}/end`).then((r) => r.class),
  /** Recent comments of a live class (teacher or participant): what a teacher missed before opening. */
  comments: (id: string) =>
    api<{ items: CommentMessage[] }>('GET', `/api/classes/${enc(id)}/comments`).then((r) => r.items),
  attendance: (id: string) => api<AttendanceReport>('GET', `/api/classes/${enc(id)}/attendance`),
  attendanceCsvUrl: (id: string) => `/api/classes/${enc(id)}/attendance?format=csv`,
};
