/** Typed REST calls, one per contract line the app uses. */
import type {
  AttendanceReport,
  Capability,
  ClassStatus,
  ClassView,
  CommentMessage,
  MeView,
  MyAttendanceItem,
  Page,
  ParticipantsPage,
} from '@llms/contract';
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

/** `?limit=…&cursor=…` of a paged list. */
function pageQuery(options: { cursor?: string | null; limit?: number }): string {
  const query = new URLSearchParams();
  if (options.limit) query.set('limit', String(options.limit));
  if (options.cursor) query.set('cursor', options.cursor);
  const text = query.toString();
  return text ? `?${text}` : '';
}

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
  /** Who is in a live class now (its teacher), a page at a time. */
  participants: (id: string, options: { cursor?: string | null; limit?: number } = {}) =>
    api<ParticipantsPage>('GET', `/api/classes/${enc(id)}/participants${pageQuery(options)}`),
  /** Live: the recent comments (teacher, or anyone with a stay). Ended: the transcript, paged. */
  comments: (id: string, options: { cursor?: string | null; limit?: number } = {}) =>
    api<Page<CommentMessage>>('GET', `/api/classes/${enc(id)}/comments${pageQuery(options)}`),
  commentsCsvUrl: (id: string) => `/api/classes/${enc(id)}/comments?format=csv`,
  attendance: (id: string) => api<AttendanceReport>('GET', `/api/classes/${enc(id)}/attendance`),
  attendanceCsvUrl: (id: string) => `/api/classes/${enc(id)}/attendance?format=csv`,
};
