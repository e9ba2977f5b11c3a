export * from './commands';
export * from './completeness';
export * from './define';
export * from './errors';
export * from './fields';
export * from './machine';
