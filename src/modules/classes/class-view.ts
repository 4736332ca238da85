import type { ClassView } from '@llms/contract';
import type { ClassRecord } from './classes.repository';

/** The contract's `class`: joinUrl from PUBLIC_URL, participantCount only while LIVE. */
export function toClassView(
  record: ClassRecord,
  publicUrl: string,
  participantCount: number,
): ClassView {
  return {
    id: record.id,
    title: record.title,
    capacity: record.capacity,
    status: record.status,
    createdBy: record.createdBy,
    joinCode: record.joinCode,
    joinUrl: `${publicUrl}/join/${record.joinCode}`,
    participantCount: record.status === 'LIVE' ? participantCount : 0,
    createdAt: record.createdAt.toISOString(),
    startedAt: record.startedAt?.toISOString() ?? null,
    endedAt: record.endedAt?.toISOString() ?? null,
  };
}
