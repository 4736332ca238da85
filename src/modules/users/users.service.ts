import { Injectable } from '@nestjs/common';
import type { Capability, MeView, UserView } from '@llms/contract';
import { AppError } from '@llms/errors';
import { ActiveClassClaims } from '../presence';
import { UsersRepository, type UserRecord } from './users.repository';

export interface NewUserInput {
  name: string;
  email: string;
  passwordHash: string;
  capabilities: Capability[];
}

/** A user's public view and password hash, for the password check only. */
export interface UserCredentials {
  user: UserView;
  passwordHash: string;
}

/** The contract's `user`: never the password hash. */
export function toUserView(record: UserRecord): UserView {
  return {
    id: record.id,
    name: record.name,
    email: record.email,
    capabilities: [...record.capabilities],
    createdAt: record.createdAt.toISOString(),
  };
}

/** Users: creation (unique email), look-ups for other modules, the signed-in user's view. */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly claims: ActiveClassClaims,
  ) {}

  /** Creates a user; `EMAIL_TAKEN` when the email (case-insensitively) exists, even under a race. */
  async create(input: NewUserInput): Promise<UserView> {
    const record = await this.users.insert(input);
    if (!record) throw new AppError('EMAIL_TAKEN', 'An account with this email already exists');
    return toUserView(record);
  }

  async findCredentials(email: string): Promise<UserCredentials | null> {
    const record = await this.users.findByEmail(email);
    return record ? { user: toUserView(record), passwordHash: record.passwordHash } : null;
  }

  async findById(id: string): Promise<UserView | null> {
    const record = await this.users.findById(id);
    return record ? toUserView(record) : null;
  }

  /** The signed-in user with the class they are active in; UNAUTHENTICATED if the account is gone. */
  async getMe(userId: string): Promise<MeView> {
    const [user, activeClassId] = await Promise.all([
      this.findById(userId),
      this.claims.activeClassOf(userId),
    ]);
    if (!user) throw new AppError('UNAUTHENTICATED', 'The account no longer exists');
    return { ...user, activeClassId };
  }
}
