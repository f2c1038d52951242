export * from './people'
export * from './center'
export * from './audit'
