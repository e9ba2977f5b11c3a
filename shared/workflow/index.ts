export * from './commands';
export * from './completeness';
export * from './errors';
export * from './machine';
export * from './offered';
