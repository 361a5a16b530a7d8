export * from './enums';
export * from './organizations';
export * from './users';
export * from './workspaces';
export * from './memberships';
export * from './requests';
export * from './audit';
