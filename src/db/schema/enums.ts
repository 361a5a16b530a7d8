import { pgEnum } from 'drizzle-orm/pg-core';

export const packageEnum = pgEnum('package', ['STANDARD', 'PRO']);
/** Roles stored on a membership. SUPER_ADMIN is never stored: it follows from the main organization. */
export const memberRoleEnum = pgEnum('member_role', ['ADMINISTRATOR', 'USER', 'OBSERVER']);
export const membershipStatusEnum = pgEnum('membership_status', ['INVITED', 'ACTIVE', 'SUSPENDED']);
export const requestKindEnum = pgEnum('workspace_request_kind', ['CREATE', 'LINK']);
export const requestStatusEnum = pgEnum('workspace_request_status', ['PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN']);
