import { AppError } from '@llms/errors';

/** The errors the class rules answer with, worded once. */
export const classNotFound = () => new AppError('CLASS_NOT_FOUND', 'No such class');

export const notTheCreator = () =>
  new AppError('FORBIDDEN', 'Only the teacher who created this class may do this');

export const alreadyActive = (classId: string) =>
  new AppError('ALREADY_ACTIVE', `You are active in another class (${classId}); leave it first`, [
    { field: 'activeClassId', message: classId },
  ]);
