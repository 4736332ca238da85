import type { ClassView } from '@llms/contract';
import type { ClassRecord } from './classes.repository';

/**
 * The contract's `class`: participantCount only while LIVE; the join code and link only for
 * those who may share it (its creator, or a caller who already holds the code).
 */
export function toClassView(
  record: ClassRecord,
  {
    publicUrl,
    participantCount,
    withJoinCode,
  }: {
    publicUrl: string;
    participantCount: number;
    withJoinCode: boolean;
  },
): ClassView {
  const view: ClassView = {
    id: record.id,
    title: record.title,
    capacity: record.capacity,
    status: record.status,
    createdBy: record.createdBy,
    participantCount: record.status === 'LIVE' ? participantCount : 0,
    createdAt: record.createdAt.toISOString(),
    startedAt: record.startedAt?.toISOString() ?? null,
    endedAt: record.endedAt?.toISOString() ?? null,
  };
  if (withJoinCode) {
    view.joinCode = record.joinCode;
    view.joinUrl = `${publicUrl}/join/${record.joinCode}`;
  }
  return view;
}
